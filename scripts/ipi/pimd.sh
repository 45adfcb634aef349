#!/usr/bin/env bash
# Path-integral MD of W6 (8 beads unless BEADS says otherwise, 1 for classical MD; from 300 K; NVE, or NVT with i-PI's
# PILE-L thermostat) with a real i-PI server driven by `tessera serve` (issue 15, item 3).
# i-PI is not part of Tessera: bring its source (github i-pi/i-pi, 3.x; pure Python, runs on Debian's python3 and numpy)
# into a folder of your own and name it in IPI_DIR.
#   IPI_DIR=/path/to/i-pi bash scripts/ipi/pimd.sh OUT_FOLDER MODEL STEPS TIMESTEP_FS [nve|nvt] [BEADS]
#   e.g. ... pimd.sh /tmp/pimd-xtb xtb-native:gfn2 200 0.25      -> OUT_FOLDER/pimd.out (conserved quantity in eV)
set -euo pipefail
: "${IPI_DIR:?name the folder of the i-PI source in IPI_DIR}"
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
out=$(realpath -m "$1"); model=$2; steps=$3; dt=$4; mode=${5:-nve}; beads=${6:-8}
case $mode in nve|nvt) ;; *) echo "pimd.sh: the ensemble must be nve or nvt, got '$mode'" >&2; exit 2;; esac
[ -e "$model" ] && model=$(realpath "$model")   # a model file or folder: the run happens in OUT_FOLDER
mkdir -p "$out"; cd "$out"
socket=tessera-pimd-$$
sed "s/STEPS/$steps/; s/SOCKET/$socket/; s/TIMESTEP/$dt/; s/MODE/$mode/; s/BEADS/$beads/" "$here/w6-pimd.xml" > input.xml
# i-PI's xyz reader wants its cell comment; the cluster is not periodic (pbc='false'), so the box is only a label.
/usr/bin/python3 - "$repo/data/structures/w6.xyz" > w6-ipi.xyz <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
n = int(lines[0])
print(n)
print("# CELL(abcABC):   40.0 40.0 40.0 90.0 90.0 90.0  cell{angstrom}  positions{angstrom}")
for line in lines[2:2 + n]:
    print(" ".join(line.split()[:4]))
PY
PYTHONPATH=$IPI_DIR /usr/bin/python3 "$IPI_DIR/bin/i-pi" input.xml > ipi.log 2>&1 &
ipi=$!
trap 'kill $ipi 2>/dev/null || true' EXIT
tessera serve -m "$model" -s "$repo/data/structures/w6.xyz" --unix "$socket" --connect-timeout 120 > serve.log 2>&1
wait $ipi
trap - EXIT
echo "i-PI finished: $out/pimd.out"
