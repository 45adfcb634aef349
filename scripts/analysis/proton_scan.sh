#!/usr/bin/env bash
# Proton-transfer scans on held-out W6 frames (scripts/analysis/proton_scan.py): every nearly linear water-water hydrogen
# bond of frames 0, 10, 20, 30, 40, its proton moved along the O...O line in 0.05 A steps; full-system DF-MP2/cc-pVDZ
# (psi4, frozen core; about 10 s a point on 2 cores), kept in data/w6/scans; then GFN2-xTB and the given models along
# the same points, as energy profiles against DF-MP2.
#   bash scripts/analysis/proton_scan.sh [MODEL ...]      (default: data/models/w6-increments.json; work files in runs/proton-scan)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
models=("${@:-data/models/w6-increments.json}")
work=runs/proton-scan
mkdir -p "$work" data/w6/scans
ref=data/w6/scans/w6-proton-scans.extxyz.gz
if [ ! -f "$ref" ]; then
  /usr/bin/python3 scripts/analysis/proton_scan.py make data/w6/w6-heldout.extxyz.gz "$work/scan.extxyz" --frames 0,10,20,30,40
  tessera calc --engine 'psi4:mp2/cc-pvdz;threads=2' --energy-only "$work/scan.extxyz" -o "$work/scan-mp2.extxyz" \
    --key energy_high --cache "$work/mp2.sqlite"
  gzip -c "$work/scan-mp2.extxyz" > "$ref"
fi
outs=()
tessera predict -m xtb-native:gfn2 "$ref" -o "$work/xtb.extxyz" > /dev/null
outs+=("$work/xtb.extxyz")
for i in "${!models[@]}"; do
  tessera predict -m "${models[$i]}" "$ref" -o "$work/model$i.extxyz" > /dev/null
  outs+=("$work/model$i.extxyz")
done
echo "columns: DF-MP2, GFN2-xTB, ${models[*]}"
/usr/bin/python3 scripts/analysis/proton_scan.py compare "$ref" energy_high "${outs[@]}"
