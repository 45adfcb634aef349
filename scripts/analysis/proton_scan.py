#!/usr/bin/python3
"""Proton-transfer scans: a check of a learned surface where thermal data are thin. From frames of protonated water
clusters, takes every nearly linear hydrogen bond between two waters (H-O...O angle below --max-angle degrees; only
neutral waters as donor, any oxygen as acceptor) and moves the donor's proton along the O...O line from --start A in
steps of --step A, staying --margin A short of the midpoint (past it the units would change). Writes the scan points
as frames with info keys scan (frame, H, donor O, acceptor O), r (O-H distance, A), roo (O...O, A) and acceptor_h3o
(1 when the acceptor is the hydronium), so that a full-system reference (tessera calc) and models (tessera predict)
can be compared point by point with --compare.

    /usr/bin/python3 scripts/analysis/proton_scan.py make FRAMES OUT.extxyz [--frames 0,5,9] [--max-angle 12]
    /usr/bin/python3 scripts/analysis/proton_scan.py compare REFERENCE.extxyz KEY MODEL1.extxyz [MODEL2.extxyz ...]

compare prints, per scan, each energy relative to the scan's first point (kcal/mol) and, per model, the largest
deviation from the reference's profile.
"""
import argparse

import numpy as np
from ase.io import read, write

KCAL = 23.060548  # kcal/mol per eV


def make(a):
    frames = read(a.frames, ":")
    picked = [int(i) for i in a.frames_list.split(",")] if a.frames_list else range(len(frames))
    out = []
    for fi in picked:
        f = frames[fi]
        oxygens = np.flatnonzero(f.numbers == 8)
        hydrogens = np.flatnonzero(f.numbers == 1)
        d = f.get_all_distances()
        owner = {h: oxygens[np.argmin(d[h, oxygens])] for h in hydrogens}
        count = {o: sum(1 for h in hydrogens if owner[h] == o) for o in oxygens}
        for h in hydrogens:
            o = owner[h]
            if count[o] != 2:
                continue
            acceptor = min((x for x in oxygens if x != o), key=lambda x: d[h, x])
            if f.get_angle(h, o, acceptor) > a.max_angle:
                continue
            axis = f.positions[acceptor] - f.positions[o]
            roo = np.linalg.norm(axis)
            for r in np.arange(a.start, roo / 2 - a.margin + 1e-9, a.step):
                s = f.copy()
                s.positions[h] = f.positions[o] + r * axis / roo
                s.info = {"charge": f.info.get("charge", 1), "multiplicity": 1, "scan": f"f{fi}-h{h}-o{o}-a{acceptor}",
                          "r": round(float(r), 4), "roo": round(float(roo), 4), "acceptor_h3o": int(count[acceptor] == 3)}
                s.arrays = {k: v for k, v in s.arrays.items() if k in ("numbers", "positions")}
                out.append(s)
    write(a.out, out, format="extxyz")
    print(f"{len(out)} points in {len({s.info['scan'] for s in out})} scans -> {a.out}")


def energies(path, key):
    frames = read(path, ":")
    return [(f.info["scan"], f.info["r"], f.info[key] if key != "energy" else f.get_potential_energy()) for f in frames]


def compare(a):
    ref = energies(a.reference, a.key)
    models = [energies(m, "energy") for m in a.models]
    for m, path in zip(models, a.models):
        if [(s, r) for s, r, _ in m] != [(s, r) for s, r, _ in ref]:
            raise SystemExit(f"{path}: its frames are not the reference's scan points in the same order")
    worst = [0.0] * len(models)
    start = 0
    for i, (scan, r, e) in enumerate(ref):
        if i == 0 or scan != ref[i - 1][0]:
            start = i
            print(f"{scan}: r (A), reference, " + ", ".join(a.models) + " (kcal/mol from the first point)")
        rel = [(e - ref[start][2]) * KCAL] + [(m[i][2] - m[start][2]) * KCAL for m in models]
        for k in range(len(models)):
            worst[k] = max(worst[k], abs(rel[k + 1] - rel[0]))
        print(f"  {r:.2f} " + " ".join(f"{x:7.2f}" for x in rel))
    for path, w in zip(a.models, worst):
        print(f"{path}: largest deviation from the reference profile {w:.2f} kcal/mol")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="command", required=True)
    mk = sub.add_parser("make")
    mk.add_argument("frames")
    mk.add_argument("out")
    mk.add_argument("--frames", dest="frames_list", default="")
    mk.add_argument("--max-angle", type=float, default=12.0)
    mk.add_argument("--start", type=float, default=0.95)
    mk.add_argument("--step", type=float, default=0.05)
    mk.add_argument("--margin", type=float, default=0.1)
    cp = sub.add_parser("compare")
    cp.add_argument("reference")
    cp.add_argument("key")
    cp.add_argument("models", nargs="+")
    a = ap.parse_args()
    make(a) if a.command == "make" else compare(a)


if __name__ == "__main__":
    main()
