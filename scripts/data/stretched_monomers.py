#!/usr/bin/python3
"""Monomers with one O-H bond stretched, for the 1-body training set: thermal MD never stretches an O-H far, so a
network trained on it extrapolates there, and on W6 its 1-body correction of DF-MP2 minus GFN2-xTB flattened and
turned down beyond 1.25 A where the true one keeps rising (+9.8 kcal/mol at 1.5 A): the learned surface let a water
lose a proton in a few ps of dynamics. Takes the rank-0 fragments (H2O, H3O+) of a fragment pool, stretches one
random O-H of each to a random length in [LOW, HIGH] A along its own direction, and writes them as frames (charge kept).
With --dimers it takes the rank-1 fragments (pairs) instead and stretches the O-H that points at the other unit's
oxygen towards it (a proton on its way across a hydrogen bond), kept nearer its own oxygen so that the units stay what
they are; a pool of such frames at rank 1 gives each pair with its two monomers, so their increments can be formed.

    /usr/bin/python3 scripts/data/stretched_monomers.py POOL OUT.extxyz [--dimers] [--count N] [--low 0.85] [--high 1.7] [--seed 1]
"""
import argparse
import gzip
import os

import numpy as np
from ase.io import read, write


def donor(pair, rng):
    """The oxygen and hydrogen of the O-H in one unit that points most directly at the other unit's oxygen."""
    unit = pair.arrays["unit"]
    oxygens = np.flatnonzero(pair.numbers == 8)
    best = None
    for o in oxygens:
        target = [x for x in oxygens if unit[x] != unit[o]][0]
        for h in np.flatnonzero((pair.numbers == 1) & (unit == unit[o])):
            d = np.linalg.norm(pair.positions[h] - pair.positions[target])
            if best is None or d < best[0]:
                best = (d, int(o), int(h))
    return best[1], best[2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pool")
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--low", type=float, default=0.85)
    ap.add_argument("--high", type=float, default=1.7)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dimers", action="store_true")
    a = ap.parse_args()
    rank = 1 if a.dimers else 0
    with (gzip.open(a.pool, "rt") if a.pool.endswith(".gz") else open(a.pool)) as f:
        monomers = [m for m in read(f, ":", format="extxyz") if m.info.get("rank") == rank]
    rng = np.random.default_rng(a.seed)
    out = []
    for k in rng.choice(len(monomers), size=min(a.count, len(monomers)), replace=False):
        m = monomers[k]
        o, h = donor(m, rng) if a.dimers else (int(np.flatnonzero(m.numbers == 8)[0]), int(rng.choice(np.flatnonzero(m.numbers == 1))))
        bond = m.positions[h] - m.positions[o]
        length = rng.uniform(a.low, a.high)
        if a.dimers:
            # Stay nearer the own oxygen than the other: past the midpoint the units would change.
            other = [i for i in np.flatnonzero(m.numbers == 8) if m.arrays["unit"][i] != m.arrays["unit"][o]][0]
            while np.linalg.norm(m.positions[o] + bond * (length / np.linalg.norm(bond)) - m.positions[other]) < length + 0.05:
                length = 0.5 * (length + np.linalg.norm(bond))
        s = m.copy()
        s.positions[h] = m.positions[o] + bond * (length / np.linalg.norm(bond))
        s.info = {"charge": m.info.get("charge", 0), "stretched_bond_A": round(float(length), 4),
                  "stretched_from": f"{os.path.basename(a.pool)} fragment {m.info.get('fragment_id')}"}
        s.arrays = {k2: v for k2, v in s.arrays.items() if k2 in ("numbers", "positions")}
        out.append(s)
    write(a.out, out, format="extxyz")
    print(f"{len(out)} stretched {'pairs' if a.dimers else 'monomers'} ({a.low}-{a.high} A) -> {a.out}")


if __name__ == "__main__":
    main()
