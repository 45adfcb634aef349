#!/usr/bin/python3
"""Monomers with one O-H bond stretched, for the 1-body training set: thermal MD never stretches an O-H far, so a
network trained on it extrapolates there, and on W6 its 1-body correction of DF-MP2 minus GFN2-xTB flattened and
turned down beyond 1.25 A where the true one keeps rising (+9.8 kcal/mol at 1.5 A): the learned surface let a water
lose a proton in a few ps of dynamics. Takes the rank-0 fragments (H2O, H3O+) of a fragment pool, stretches one
random O-H of each to a random length in [LOW, HIGH] A along its own direction, and writes them as frames (charge kept).
With --dimers it takes the rank-1 fragments (pairs) instead and stretches the O-H that points at the other unit's
oxygen towards it (a proton on its way across a hydrogen bond), kept nearer its own oxygen so that the units stay what
they are; a pool of such frames at rank 1 gives each pair with its two monomers, so their increments can be formed.
With --trimers it takes the rank-2 fragments and stretches, the same way, the O-H of a water that points most directly
at another water's oxygen (the first step of a water giving its proton to a water, which a model trained on thermal
trimers let happen at 400 K next to the hydronium); a pool of them at rank 2 gives each trimer with its faces.

    /usr/bin/python3 scripts/data/stretched_monomers.py POOL OUT.extxyz [--dimers | --trimers] [--count N] [--low 0.85] [--high 1.7] [--seed 1]
"""
import argparse
import gzip
import os

import numpy as np
from ase.io import read, write


def donor(fragment, waters_only):
    """The oxygen and hydrogen of the O-H that points most directly at another unit's oxygen, and that oxygen (with
    waters_only, both units waters); None when there is no such pair of units."""
    unit = fragment.arrays["unit"]
    size = {u: int((unit == u).sum()) for u in set(unit)}
    oxygens = [o for o in np.flatnonzero(fragment.numbers == 8) if not waters_only or size[unit[o]] == 3]
    best = None
    for o in oxygens:
        for target in (x for x in oxygens if unit[x] != unit[o]):
            for h in np.flatnonzero((fragment.numbers == 1) & (unit == unit[o])):
                d = np.linalg.norm(fragment.positions[h] - fragment.positions[target])
                if best is None or d < best[0]:
                    best = (d, int(o), int(h), int(target))
    return None if best is None else best[1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pool")
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--low", type=float, default=0.85)
    ap.add_argument("--high", type=float, default=1.7)
    ap.add_argument("--seed", type=int, default=1)
    kind = ap.add_mutually_exclusive_group()
    kind.add_argument("--dimers", action="store_true")
    kind.add_argument("--trimers", action="store_true")
    a = ap.parse_args()
    rank = 2 if a.trimers else 1 if a.dimers else 0
    with (gzip.open(a.pool, "rt") if a.pool.endswith(".gz") else open(a.pool)) as f:
        monomers = [m for m in read(f, ":", format="extxyz") if m.info.get("rank") == rank]
    if a.trimers:
        monomers = [m for m in monomers if donor(m, True) is not None]
    rng = np.random.default_rng(a.seed)
    out = []
    for k in rng.choice(len(monomers), size=min(a.count, len(monomers)), replace=False):
        m = monomers[k]
        if a.dimers or a.trimers:
            o, h, other = donor(m, a.trimers)
        else:
            o, h = int(np.flatnonzero(m.numbers == 8)[0]), int(rng.choice(np.flatnonzero(m.numbers == 1)))
        bond = m.positions[h] - m.positions[o]
        length = rng.uniform(a.low, a.high)
        if a.dimers or a.trimers:
            # Stay nearer the own oxygen than the other: past the midpoint the units would change.
            while np.linalg.norm(m.positions[o] + bond * (length / np.linalg.norm(bond)) - m.positions[other]) < length + 0.05:
                length = 0.5 * (length + np.linalg.norm(bond))
        s = m.copy()
        s.positions[h] = m.positions[o] + bond * (length / np.linalg.norm(bond))
        s.info = {"charge": m.info.get("charge", 0), "stretched_bond_A": round(float(length), 4),
                  "stretched_from": f"{os.path.basename(a.pool)} fragment {m.info.get('fragment_id')}"}
        s.arrays = {k2: v for k2, v in s.arrays.items() if k2 in ("numbers", "positions")}
        out.append(s)
    write(a.out, out, format="extxyz")
    print(f"{len(out)} stretched {'trimers' if a.trimers else 'pairs' if a.dimers else 'monomers'} ({a.low}-{a.high} A) -> {a.out}")


if __name__ == "__main__":
    main()
