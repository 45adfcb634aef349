#!/usr/bin/env bash
# WB1 on W6 (../shared/BENCHMARK.md): the shipped data set, made with Tessera's own commands.
# Every step is resumable: run the script again after an interruption (or in a later session) and it
# continues where it stopped; finished steps are skipped. Work files live in $WORK (default runs/w6),
# the compact results are copied into data/w6/.
#   low  = GFN2-xTB (xtb 6.5.1), high = DF-MP2/cc-pVDZ, frozen core (psi4 1.3.2)
#   sampling: Langevin 300 K, 0.5 fs, 2 ps discarded, a frame every 50 fs, 1000 frames (seed 20261128);
#   held-out: an independent trajectory (seed 777), 50 frames every 100 fs after 2 ps, full-system energies.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
work=${WORK:-$repo/runs/w6}
out=$repo/data/w6
mkdir -p "$work" "$out"
tessera() { command tessera "$@"; }
cd "$work"

# 1. Sampling (resumable MD trajectory; the partial trajectory shipped in data/w6 seeds a fresh checkout).
steps=104000   # 4000 equilibration + 1000 x 100 (50 fs)
if [ ! -f w6-md.extxyz ] && [ -f "$out/w6-md.extxyz.gz" ]; then gunzip -c "$out/w6-md.extxyz.gz" > w6-md.extxyz; fi
resume=(); [ -f w6-md.extxyz ] && resume=(--resume)
tessera md "$repo/data/structures/w6.xyz" -m xtb-native:gfn2 --integrator langevin -T 300 --timestep 0.5 --friction 0.01 \
  -n $steps --seed 20261128 -o w6-md.extxyz --trajectory-every 100 --log w6-md.log --log-every 100 "${resume[@]}"
gzip -c w6-md.extxyz > "$out/w6-md.extxyz.gz"
tessera sample --import w6-md.extxyz --skip 41 -o w6-frames.extxyz.gz   # frame 0 + 40 frames = 2 ps
# (the shipped pool was made from data/w6/w6-md.extxyz.gz itself, so its frames name a repository path)

# 2. Pool, tessellation (10%) and an equal-size random selection for comparison.
tessera pool w6-frames.extxyz.gz --rank 2 --cutoff 4.5 -o w6-pool.extxyz.gz
tessera select w6-pool.extxyz.gz --fraction 0.1 --seed 1 -o w6-selection.json.gz
mkdir -p random && tessera select w6-pool.extxyz.gz --fraction 0.1 --seed 1 --random -o random/w6-selection.json.gz

# 3. Labels with gradients (resumable; psi4 batches of 8 in two workers), then the data sets with provenance. The random
#    selection's run reads the tessellation's label store as its cache, so shared fragments are not recomputed.
tessera label w6-pool.extxyz.gz --selection w6-selection.json.gz --low xtb:gfn2 --high psi4:mp2/cc-pvdz --gradients --workers 2 --chunk 8
tessera dataset w6-pool.extxyz.gz --selection w6-selection.json.gz -o w6-dataset.extxyz.gz
tessera label w6-pool.extxyz.gz --selection random/w6-selection.json.gz --low xtb:gfn2 --high psi4:mp2/cc-pvdz --gradients --workers 2 --chunk 8 \
  --cache labels.sqlite
tessera dataset w6-pool.extxyz.gz --selection random/w6-selection.json.gz -o random/w6-dataset.extxyz.gz

# 4. Held-out frames with full-system energies at both levels.
tessera md "$repo/data/structures/w6.xyz" -m xtb-native:gfn2 --integrator langevin -T 300 --timestep 0.5 --friction 0.01 \
  -n 14000 --seed 777 -o w6-heldout-md.extxyz --trajectory-every 200 --log w6-heldout-md.log --log-every 200 \
  $([ -f w6-heldout-md.extxyz ] && echo --resume)
tessera sample --import w6-heldout-md.extxyz --skip 21 --max 50 -o w6-heldout-frames.extxyz
tessera calc --engine xtb --method gfn2 w6-heldout-frames.extxyz -o w6-heldout-low.extxyz --key energy_low --cache heldout.sqlite
tessera calc --engine psi4 --method mp2/cc-pvdz --energy-only w6-heldout-low.extxyz -o w6-heldout-full.extxyz \
  --key energy_high --cache heldout.sqlite

# 5. Held-out fragments: every fragment (R <= 2, cutoff 4.5 A) of the held-out frames, labelled at both levels; the
#    same labels give each frame's ab initio fragment assembly at R = 0, 1, 2 (energy_fragments_rR, all cache hits).
mkdir -p heldout
tessera pool w6-heldout-full.extxyz --rank 2 --cutoff 4.5 -o heldout/w6-heldout-pool.extxyz.gz
tessera select heldout/w6-heldout-pool.extxyz.gz --fraction 1 --random --seed 1 -o heldout/w6-heldout-selection.json.gz
tessera label heldout/w6-heldout-pool.extxyz.gz --selection heldout/w6-heldout-selection.json.gz --low xtb:gfn2 \
  --high psi4:mp2/cc-pvdz --workers 2 --chunk 8
tessera dataset heldout/w6-heldout-pool.extxyz.gz --selection heldout/w6-heldout-selection.json.gz -o w6-heldout-fragments.extxyz.gz
in=w6-heldout-full.extxyz
for r in 0 1 2; do
  tessera calc --fragment rank=$r,cutoff=4.5 --low xtb:gfn2 --high psi4:mp2/cc-pvdz --energy-only --key energy_fragments_r$r \
    --cache heldout/labels.sqlite $in -o w6-heldout-r$r.extxyz
  in=w6-heldout-r$r.extxyz
done
gzip -c w6-heldout-r2.extxyz > "$out/w6-heldout.extxyz.gz"
cp w6-pool.extxyz.gz w6-selection.json.gz w6-dataset.extxyz.gz w6-heldout-fragments.extxyz.gz "$out/"
mkdir -p "$out/random" && cp random/w6-selection.json.gz random/w6-dataset.extxyz.gz "$out/random/"
echo "W6 data in $out"
