#!/usr/bin/env bash
# Finite-difference force checks of a model at frames of its own MD run, chosen where smoothness is hardest: frames
# with edges inside the switching region and frames during a proton hop (hydrogen nearly equidistant from two
# oxygens), from the run's extxyz trajectory and its md log (columns switching_edges, hops_total).
#   bash scripts/analysis/md_force_checks.sh MODEL TRAJECTORY LOG [N=5] [OUT=md-force-checks]
set -euo pipefail
model=$1 traj=$2 log=$3 n=${4:-5} out=${5:-md-force-checks}
mkdir -p "$out"
/usr/bin/python3 - "$traj" "$log" "$n" "$out" <<'PY'
import sys
import numpy as np
from ase.io import read, write
traj, log, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
frames = read(traj, ":")
header = next(l for l in open(log) if l.startswith("#"))[1:].split()
rows = {int(float(l.split()[0])): l.split() for l in open(log) if l.strip() and not l.startswith("#")}
def gap(a):  # smallest difference between a hydrogen's two nearest oxygen distances (A)
    z, p = a.numbers, a.positions
    d = np.sort(np.linalg.norm(p[z == 1][:, None] - p[z == 8][None], axis=2), axis=1)
    return float((d[:, 1] - d[:, 0]).min())
scored = []
for a in frames:
    step = int(a.info.get("step", 0))
    sw = int(rows[step][header.index("switching_edges")]) if step in rows and "switching_edges" in header else 0
    scored.append((gap(a), sw, step, a))
hops = sorted(scored, key=lambda x: x[0])[: (n + 1) // 2]
switching = [x for x in sorted(scored, key=lambda x: -x[1]) if x not in hops][: n - len(hops)]
for g, sw, step, a in hops + switching:
    write(f"{out}/step{step}.extxyz", a, format="extxyz")
    print(f"step {step}: proton gap {g:.3f} A, {sw} switching edges")
PY
for f in "$out"/step*.extxyz; do
  echo "== $f"
  tessera check "$f" -m "$model" --drift-steps 0 --no-jacobian | grep -iE "force|error" || true
done
