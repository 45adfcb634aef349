#!/usr/bin/env bash
# Tessera's main job: WB1 on W6 (../shared/BENCHMARK.md) from the shipped data alone (no psi4, no network).
# Trains fragment-correction networks (delta learning: DF-MP2/cc-pVDZ minus GFN2-xTB, one network family per fragment
# type learning its many-body increment) on the 10% k-means tessellation selection (closed under faces) and, for
# comparison, on a random selection of equal size; evaluates both on held-out W6 fragments and frames (full-system
# DF-MP2/cc-pVDZ energies, the ab initio fragment assembly, GFN2-xTB + offset) and on W6 frames from 450 K dynamics;
# prints the tables and writes a self-contained HTML report. The tessellation model is the one shipped as
# data/models/w6-increments.json. About 6 minutes on 2 cores.
#   bash scripts/demo.sh [OUTPUT_FOLDER]      (default: ./wb1-demo)
set -euo pipefail
out=$(realpath -m "${1:-wb1-demo}")
cd "$(dirname "$0")/.."
command -v tessera >/dev/null || { echo "tessera is not on the PATH: run 'bash scripts/setup.sh' first" >&2; exit 1; }
tessera doctor --only libxtb.so.6,libgomp.so.1 >/dev/null || { tessera doctor --only libxtb.so.6,libgomp.so.1; exit 1; }  # xtb-native, in seconds
mkdir -p "$out"
for selection in tessellation random; do
  data=data/w6/w6-dataset.extxyz.gz
  [ "$selection" = random ] && data=data/w6/random/w6-dataset.extxyz.gz
  echo "== Training on the $selection selection ($data)"
  tessera train fragments "$data" -o "$out/$selection.json" --low xtb-native:gfn2
done
echo "== Evaluating on held-out W6 fragments and frames"
tessera evaluate -m "$out/tessellation.json" -m "$out/random.json" \
  data/w6/w6-heldout-fragments.extxyz.gz data/w6/w6-heldout.extxyz.gz \
  --json "$out/evaluation.json" --html "$out/report.html"
echo "== Evaluating on W6 frames from 450 K dynamics (outside the 300 K training distribution)"
tessera evaluate -m "$out/tessellation.json" -m "$out/random.json" data/w6/w6-450K.extxyz.gz --ranks 2 --json "$out/evaluation-450K.json"
echo "Models, evaluation.json, evaluation-450K.json and report.html in $out"
