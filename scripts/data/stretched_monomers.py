#!/usr/bin/python3
"""Monomers with one O-H bond stretched, for the 1-body training set: thermal MD never stretches an O-H far, so a
network trained on it extrapolates there, and on W6 its 1-body correction of DF-MP2 minus GFN2-xTB flattened and
turned down beyond 1.25 A where the true one keeps rising (+9.8 kcal/mol at 1.5 A): the learned surface let a water
lose a proton in a few ps of dynamics. Takes the rank-0 fragments (H2O, H3O+) of a fragment pool, stretches one
random O-H of each to a random length in [LOW, HIGH] A along its own direction, and writes them as frames (charge kept).

    /usr/bin/python3 scripts/data/stretched_monomers.py POOL OUT.extxyz [--count N] [--low 0.85] [--high 1.7] [--seed 1]
"""
import argparse
import gzip
import os

import numpy as np
from ase.io import read, write


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pool")
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--low", type=float, default=0.85)
    ap.add_argument("--high", type=float, default=1.7)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    with (gzip.open(a.pool, "rt") if a.pool.endswith(".gz") else open(a.pool)) as f:
        monomers = [m for m in read(f, ":", format="extxyz") if m.info.get("rank") == 0]
    rng = np.random.default_rng(a.seed)
    out = []
    for k in rng.choice(len(monomers), size=min(a.count, len(monomers)), replace=False):
        m = monomers[k]
        o = int(np.flatnonzero(m.numbers == 8)[0])
        h = int(rng.choice(np.flatnonzero(m.numbers == 1)))
        bond = m.positions[h] - m.positions[o]
        length = rng.uniform(a.low, a.high)
        s = m.copy()
        s.positions[h] = m.positions[o] + bond * (length / np.linalg.norm(bond))
        s.info = {"charge": m.info.get("charge", 0), "stretched_bond_A": round(float(length), 4),
                  "stretched_from": f"{os.path.basename(a.pool)} fragment {m.info.get('fragment_id')}"}
        s.arrays = {k2: v for k2, v in s.arrays.items() if k2 in ("numbers", "positions")}
        out.append(s)
    write(a.out, out, format="extxyz")
    print(f"{len(out)} stretched monomers ({a.low}-{a.high} A) -> {a.out}")


if __name__ == "__main__":
    main()
