#!/usr/bin/python3
"""Do the out-of-distribution signals of `tessera novelty` predict the error? Spearman rank correlations, per rank, of
the distance to the nearest training centroid and of the ensemble spread with the absolute error of each held-out
fragment's predicted increment. Debian's python3 (numpy, ase).
    tessera pool data/w6/w6-heldout.extxyz.gz --rank 3 --cutoff 6.5 --fragments on=5.5 -o heldout-pool.extxyz.gz
    tessera novelty heldout-pool.extxyz.gz --selection data/w6/w6-selection.json.gz -m MODEL --json novelty.json
    tessera evaluate -m MODEL data/w6/w6-heldout-fragments.extxyz.gz --json evaluation.json
    /usr/bin/python3 scripts/analysis/novelty_vs_error.py novelty.json evaluation.json data/w6/w6-heldout-fragments.extxyz.gz
The pool is the one the held-out fragments were cut from (scripts/data/w6.sh step 5), so fragment ids match; the
evaluation lists the fragments up to the model's rank in file order."""
import json
import sys
import numpy as np
from ase.io import read

novelty_path, evaluation_path, fragments_path = sys.argv[1:4]
novelty = {p["id"]: p for p in json.load(open(novelty_path))["fragments"]}
points = json.load(open(evaluation_path))[0]["fragments"]["points"]
max_rank = max(p["rank"] for p in points)
frames = [a for a in read(fragments_path, ":") if a.info["rank"] <= max_rank]
assert len(frames) == len(points), "the evaluation and the fragments file disagree"
rows = []
for a, q in zip(frames, points):
    n = novelty[int(a.info["fragment_id"])]
    assert n["type"] == q["type"], "fragment ids do not match: was the pool cut from the same frames?"
    rows.append((q["rank"], abs(q["predicted"] - q["reference"]), n["distance"], n["spread"]))
r = np.array(rows, dtype=float)


def spearman(x, y):
    rank = lambda v: np.argsort(np.argsort(v))
    return np.corrcoef(rank(x), rank(y))[0, 1]


for k in range(1, max_rank + 1):
    m = r[:, 0] == k
    print(f"rank {k}: {m.sum()} fragments, Spearman(distance, |error|) {spearman(r[m, 2], r[m, 1]):.3f}, "
          f"Spearman(spread, |error|) {spearman(r[m, 3], r[m, 1]):.3f}")
