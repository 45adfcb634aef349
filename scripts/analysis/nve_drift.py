#!/usr/bin/python3
"""Energy conservation of an NVE run from its `tessera md` log: the drift (least-squares slope of the total energy
against time, meV/atom/ps), the RMS fluctuation about that line (meV), the largest step-to-step change of the total
energy (meV, and at which step) against the median change, the temperature range, and, for fragment models, the proton
hops and graph changes the log counts.

    /usr/bin/python3 scripts/analysis/nve_drift.py md.log ATOMS [--skip PS]
"""
import argparse

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("atoms", type=int)
    ap.add_argument("--skip", type=float, default=0.0, help="ps dropped at the start")
    a = ap.parse_args()
    header = None
    rows = []
    for line in open(a.log):
        if line.startswith("#"):
            header = line[1:].split()
            continue
        if line.strip():
            rows.append([float(x) for x in line.split()])
    col = {name: i for i, name in enumerate(header)}
    data = np.array(rows)
    t = data[:, col["time_fs"]] / 1000.0
    keep = t >= a.skip
    t, e = t[keep], data[keep, col["E_total_eV"]]
    slope, intercept = np.polyfit(t, e, 1)
    rms = np.sqrt(np.mean((e - (slope * t + intercept)) ** 2))
    de = np.abs(np.diff(e))
    worst = int(np.argmax(de))
    steps = data[keep, col["step"]]
    temp = data[keep, col["T_K"]]
    print(f"{a.log}: {len(e)} rows, {t[-1] - t[0]:.3f} ps, {a.atoms} atoms")
    print(f"drift {1000 * slope / a.atoms:+.4f} meV/atom/ps ({1000 * slope:+.3f} meV/ps); "
          f"total change {1000 * (e[-1] - e[0]):+.2f} meV; RMS fluctuation {1000 * rms:.3f} meV")
    print(f"largest step-to-step change {1000 * de[worst]:.3f} meV (step {int(steps[worst + 1])}), "
          f"median {1000 * np.median(de):.4f} meV; T {temp.min():.0f}-{temp.max():.0f} K (mean {temp.mean():.0f} K)")
    for name in ("hops_total", "graph_changes_total"):
        if name in col:
            print(f"{name}: {int(data[-1, col[name]])}")


if __name__ == "__main__":
    main()
