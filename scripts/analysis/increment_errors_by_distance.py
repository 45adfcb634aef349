#!/usr/bin/python3
"""Where the learned increments err, by fragment size: per fragment type of rank 1 and 2, the held-out fragments binned
by their longest heavy-atom (O-O) distance, with the count, the model's mean signed and RMS error and the reference
increments' mean and spread (kcal/mol). Many small errors of one sign in the far bins add up over the hundreds of
pairs and trimers of a large cluster. Debian's python3 (numpy, ase).
    tessera evaluate -m MODEL FRAGMENTS.extxyz.gz --json evaluation.json
    /usr/bin/python3 scripts/analysis/increment_errors_by_distance.py evaluation.json FRAGMENTS.extxyz.gz
The evaluation lists the fragments up to the model's rank in file order."""
import json
import sys

import numpy as np
from ase.io import read

BINS = [(0, 3.5), (3.5, 4.5), (4.5, 5.5), (5.5, 6.0), (6.0, 99)]
evaluation_path, fragments_path = sys.argv[1:3]
points = json.load(open(evaluation_path))[0]["fragments"]["points"]
max_rank = max(p["rank"] for p in points)
frames = [a for a in read(fragments_path, ":") if a.info["rank"] <= max_rank]
assert len(frames) == len(points), "the evaluation and the fragments file disagree"
by_type = {}
for atoms, p in zip(frames, points):
    assert atoms.info["fragment_type"] == p["type"], "fragment order differs from the evaluation's"
    heavy = [i for i, s in enumerate(atoms.get_chemical_symbols()) if s != "H"]
    if p["rank"] == 0 or len(heavy) < 2:
        continue
    longest = max(atoms.get_distance(i, j) for k, i in enumerate(heavy) for j in heavy[k + 1:])
    by_type.setdefault(p["type"], []).append((longest, p["predicted"] - p["reference"], p["reference"]))
print("type               longest O-O/A  n    mean err  RMS err  ref mean  ref SD")
for t in sorted(by_type):
    r = np.array(by_type[t])
    for lo, hi in BINS:
        m = (r[:, 0] >= lo) & (r[:, 0] < hi)
        if m.any():
            e, ref = r[m, 1], r[m, 2]
            span = f"{lo:.1f}-{hi:.1f}" if hi < 99 else f">= {lo:.1f}"
            print(f"{t:18s} {span:13s} {m.sum():4d} {e.mean():+9.3f} {np.sqrt((e ** 2).mean()):8.3f} {ref.mean():+9.3f} {ref.std():7.3f}")
