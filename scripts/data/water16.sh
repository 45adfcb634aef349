#!/usr/bin/env bash
# (H2O)16 training set for the Behler-Parrinello networks (issue 3): GFN2-xTB dynamics labelled by the
# dynamics itself (every frame carries xtb-native:gfn2 energy and forces). Resumable: run it again to
# continue. Work files in $WORK (default runs/water16); the result goes to data/water16/.
#   start: scripts/data/build_water16.py (4x2x2 grid, random orientations, seed 16), L-BFGS to 0.05 eV/A;
#   MD: Langevin 300 K, friction 0.01/fs, 0.5 fs, seed 16, 12000 steps, a frame every 10 steps (5 fs);
#   the first 2000 steps (1 ps) are discarded: 1000 frames remain.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
work=${WORK:-$repo/runs/water16}
out=$repo/data/water16
mkdir -p "$work" "$out"
cd "$work"
if [ -f "$out/water16-frames.extxyz.gz" ]; then echo "$out/water16-frames.extxyz.gz is complete"; exit 0; fi
# An unfinished trajectory is shipped as water16-md.extxyz.gz so that a fresh checkout continues it.
if [ ! -f water16-md.extxyz ] && [ -f "$out/water16-md.extxyz.gz" ]; then gunzip -c "$out/water16-md.extxyz.gz" > water16-md.extxyz; fi
if [ ! -f water16-md.extxyz ]; then
  /usr/bin/python3 "$repo/scripts/data/build_water16.py"
  tessera optimize water16_start.xyz -m xtb-native:gfn2 --fmax 0.05 -o water16_opt.extxyz
fi
resume=(); [ -f water16-md.extxyz ] && resume=(--resume)
tessera md water16_opt.extxyz -m xtb-native:gfn2 --integrator langevin -T 300 --timestep 0.5 -n 12000 --friction 0.01 \
  --seed 16 -o water16-md.extxyz --trajectory-every 10 --log water16-md.log --log-every 100 "${resume[@]}"
tessera sample --import water16-md.extxyz --skip 201 -o "$out/water16-frames.extxyz.gz"
rm -f "$out/water16-md.extxyz.gz"
echo "Train: tessera train bpnn $out/water16-frames.extxyz.gz -o water16-bpnn --epochs 100 --lr 3e-3 --seed 1"
