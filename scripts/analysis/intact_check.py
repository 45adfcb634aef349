#!/usr/bin/python3
"""Is a protonated-water trajectory still the molecule it started as? Every saved frame of a `tessera md` extxyz is
checked for n-1 H2O and one H3O+ (each hydrogen counted on its nearest oxygen); the md log gives the steps run, the mean
temperature and, for fragment models, the proton hops and graph changes. Exit status 1 when a frame is not intact.

    /usr/bin/python3 scripts/analysis/intact_check.py TRAJECTORY.extxyz MD.log
"""
import sys

import numpy as np
from ase.io import read


def intact(frame):
    oxygens = np.flatnonzero(frame.numbers == 8)
    hydrogens = np.flatnonzero(frame.numbers == 1)
    d = frame.get_all_distances(mic=frame.pbc.any())
    counts = np.bincount([int(np.argmin(d[h, oxygens])) for h in hydrogens], minlength=len(oxygens))
    return sorted(counts.tolist()) == [2] * (len(oxygens) - 1) + [3]


def main():
    frames = read(sys.argv[1], ":")
    bad = [int(f.info.get("step", i)) for i, f in enumerate(frames) if not intact(f)]
    header = next(l for l in open(sys.argv[2]) if l.startswith("#"))[1:].split()
    log = np.loadtxt(sys.argv[2], ndmin=2)
    col = {name: k for k, name in enumerate(header)}
    line = f"{len(frames)} frames, {len(bad)} not (n-1) H2O + H3O+; log to step {int(log[-1, col['step']])}, mean T {log[:, col['T_K']].mean():.1f} K"
    for name in ("hops_total", "graph_changes_total"):
        if name in col:
            line += f", {name.replace('_total', '').replace('_', ' ')} {int(log[-1, col[name]])}"
    print(line + (f"; first broken frame at step {bad[0]}" if bad else ""))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
