#!/usr/bin/env bash
# H+(H2O)21 (W21) for the transfer of the W6 model (issue 14), made with Tessera's own commands, resumable: run it again
# after an interruption (or in a later session) and it continues where it stopped. Work files live in $WORK (default
# runs/w21).
#   low = GFN2-xTB (xtb 6.5.1, in-process through libxtb)
#   sampling (../shared/BENCHMARK.md): Langevin 300 K, 0.5 fs, friction 0.01/fs, from the GFN2-xTB-optimised cluster in
#   data/structures/w21.xyz; 44000 steps = 2 ps discarded + 20 ps, a frame every 50 fs (seed 2121). One OpenMP thread
#   and a low priority, so the run can go on beside other work on a 2-core machine: about 0.1-0.4 s a step.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
work=${WORK:-$repo/runs/w21}
out=$repo/data/w21
mkdir -p "$work" "$out"
cd "$work"

# 1. Sampling (the partial trajectory shipped in data/w21 seeds a fresh checkout; --resume continues from its last frame).
if [ ! -f w21-md.extxyz ] && [ -f "$out/w21-md.extxyz.gz" ]; then gunzip -c "$out/w21-md.extxyz.gz" > w21-md.extxyz; fi
resume=(); [ -f w21-md.extxyz ] && resume=(--resume)
OMP_NUM_THREADS=1 nice -n 10 tessera md "$repo/data/structures/w21.xyz" -m xtb-native:gfn2 --integrator langevin -T 300 --timestep 0.5 \
  --friction 0.01 -n 44000 --seed 2121 -o w21-md.extxyz --trajectory-every 100 --log w21-md.log --log-every 100 "${resume[@]}"
gzip -c w21-md.extxyz > "$out/w21-md.extxyz.gz"
echo "W21 trajectory in $work/w21-md.extxyz (copied to $out)"

# 2. Held-out frames (issue 14, Build 6): an independent trajectory (seed 2222) from the same start, 2 ps discarded, then
#    10 frames 100 fs apart, with full-system energies at both levels: GFN2-xTB, and DF-MP2/cc-pVDZ (frozen core, psi4,
#    two threads and 8 GB; about 5 min a frame on 2 cores). Every finished calculation is kept in heldout/full.sqlite, so
#    a rerun only computes what is missing.
mkdir -p heldout
OMP_NUM_THREADS=1 nice -n 10 tessera md "$repo/data/structures/w21.xyz" -m xtb-native:gfn2 --integrator langevin -T 300 --timestep 0.5 \
  --friction 0.01 -n 6000 --seed 2222 -o heldout/w21-heldout-md.extxyz --trajectory-every 200 --log heldout/w21-heldout-md.log \
  --log-every 200 $([ -f heldout/w21-heldout-md.extxyz ] && echo --resume)
tessera sample --import heldout/w21-heldout-md.extxyz --skip 21 --max 10 -o heldout/w21-heldout-frames.extxyz
tessera calc --engine xtb --method gfn2 heldout/w21-heldout-frames.extxyz -o heldout/w21-heldout-low.extxyz --key energy_low \
  --cache heldout/full.sqlite
nice -n 5 tessera calc --engine 'psi4:mp2/cc-pvdz;threads=2;memory=8 GB' --energy-only heldout/w21-heldout-low.extxyz \
  -o heldout/w21-heldout.extxyz --key energy_high --cache heldout/full.sqlite
gzip -c heldout/w21-heldout.extxyz > "$out/w21-heldout.extxyz.gz"
echo "W21 held-out frames with full-system energies in $out/w21-heldout.extxyz.gz"
