#!/usr/bin/env bash
# Classical NPT of the n2p2 RPBE-D3 water box (1080 atoms, 300 K, 1 bar) with a real i-PI server driven by
# `tessera serve` and the Behler-Parrinello potential (issue 15, item 3): the barostat needs the virial.
# i-PI is not part of Tessera: bring its source (github i-pi/i-pi, 3.x) into a folder of your own and name it in IPI_DIR;
# the potential is n2p2's example (../shared/n2p2/H2O_RPBE-D3 beside the checkout, or N2P2_H2O).
#   IPI_DIR=/path/to/i-pi bash scripts/ipi/npt.sh OUT_FOLDER STEPS TIMESTEP_FS
# Writes OUT_FOLDER/npt.out (density, pressure, virial per step), npt.pos_0.extxyz (frames every 50 steps) and
# check.txt: i-PI's potential and virial at those frames against `tessera predict` on the same geometries.
set -euo pipefail
: "${IPI_DIR:?name the folder of the i-PI source in IPI_DIR}"
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
model=$(realpath "${N2P2_H2O:-$repo/../shared/n2p2/H2O_RPBE-D3}")
out=$(realpath -m "$1"); steps=$2; dt=$3
mkdir -p "$out"; cd "$out"
socket=tessera-npt-$$
sed "s/STEPS/$steps/; s/SOCKET/$socket/; s/TIMESTEP/$dt/" "$here/water-npt.xml" > input.xml
tessera convert "$model/input.data" box.extxyz > /dev/null
/usr/bin/python3 "$here/ipi_frames.py" to-ipi box.extxyz box-ipi.xyz
PYTHONPATH=$IPI_DIR /usr/bin/python3 "$IPI_DIR/bin/i-pi" input.xml > ipi.log 2>&1 &
ipi=$!
trap 'kill $ipi 2>/dev/null || true' EXIT
tessera serve -m "$model" -s box.extxyz --unix "$socket" --connect-timeout 120 > serve.log 2>&1
wait $ipi
trap - EXIT
/usr/bin/python3 "$here/ipi_frames.py" from-ipi npt.pos_0.extxyz frames.extxyz
tessera predict -m "$model" frames.extxyz -o predicted.extxyz > predict.log
/usr/bin/python3 "$here/ipi_frames.py" check npt.out predicted.extxyz | tee check.txt
