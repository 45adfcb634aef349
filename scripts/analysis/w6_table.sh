#!/usr/bin/env bash
# The W6 accuracy table (issue 13): fragment networks trained on the shipped data sets with both targets (many-body
# increments, fragment energies), both selections (tessellation, random; energies only), the shipped configuration
# (increments on the tessellation data with forces), and several seeds (split, initial weights,
# batches), evaluated on the 50 held-out frames (R = 0..2: against full-system DF-MP2, raw and after the mean signed
# error, and against the ab initio fragment assembly with the same graph) and on the 20 frames from 450 K dynamics.
# Resumable: a model or evaluation already written is kept. About 2 minutes per model on 2 cores.
#   bash scripts/analysis/w6_table.sh [OUTPUT_FOLDER] [SEEDS...]      (default: ./w6-table, seeds 1 2 3)
set -euo pipefail
out=$(realpath -m "${1:-w6-table}"); shift || true
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3)
cd "$(dirname "$0")/../.."
mkdir -p "$out"
# Cells: target x selection on energies only (the random data set has no forces; "network": the tessellation in the
# networks' own descriptor, increments only), and the shipped configuration
# (increments, tessellation, energies and forces) as target "increment+forces".
for seed in "${seeds[@]}"; do
  for target in increment energy increment+forces; do
    for selection in tessellation random network; do
      [ "$target" = increment+forces ] && [ "$selection" != tessellation ] && continue
      [ "$target" = energy ] && [ "$selection" = network ] && continue
      data=data/w6/w6-dataset.extxyz.gz
      [ "$selection" = random ] && data=data/w6/random/w6-dataset.extxyz.gz
      [ "$selection" = network ] && data=data/w6/network/w6-dataset.extxyz.gz
      name=$target-$selection-s$seed
      forces=(--force-weight 0); [ "$target" = increment+forces ] && forces=(--force-weight 1)
      [ -f "$out/$name.json" ] || tessera train fragments "$data" -o "$out/$name.json" --low xtb-native:gfn2 --target "${target%+forces}" \
        --seed "$seed" "${forces[@]}" --test-out "$out/$name.test.extxyz" > "$out/$name.train.log"
      [ -f "$out/$name.heldout.json" ] || tessera evaluate -m "$out/$name.json" data/w6/w6-heldout.extxyz.gz --json "$out/$name.heldout.json" > /dev/null
      [ -f "$out/$name.450K.json" ] || tessera evaluate -m "$out/$name.json" data/w6/w6-450K.extxyz.gz --ranks 2 --json "$out/$name.450K.json" > /dev/null
    done
  done
done
/usr/bin/python3 scripts/analysis/w6_table.py "$out" | tee "$out/table.md"
