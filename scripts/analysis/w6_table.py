#!/usr/bin/python3
"""Tabulates scripts/analysis/w6_table.sh's evaluations (kcal/mol): per target, selection and rank the mean over seeds
(and the spread between seeds) of the total-energy MAE against full-system DF-MP2, raw and after removing the mean
signed error, and of the MAE against the ab initio fragment assembly; then the same on the 450 K frames at R = 2.

    /usr/bin/python3 scripts/analysis/w6_table.py FOLDER
"""
import glob
import json
import os
import statistics
import sys


def load(folder, kind):
    rows = {}
    for path in glob.glob(os.path.join(folder, f"*.{kind}.json")):
        target, selection, seed = os.path.basename(path).split(".")[0].rsplit("-", 2)
        for level in json.load(open(path))[0]["structures"]:
            rows.setdefault((target, selection, level["rank"]), []).append(level)
    return rows


def cell(levels, pick):
    values = [pick(level) for level in levels if pick(level) is not None]
    if not values:
        return "-"
    return f"{statistics.mean(values):.3f}" + (f" ± {statistics.stdev(values):.3f}" if len(values) > 1 else "")


def table(rows, title):
    print(f"\n{title}\n")
    print("| target | selection | R | seeds | MAE vs full | MAE-MSE vs full | MAE vs ab initio assembly |")
    print("|---|---|---|---|---|---|---|")
    for (target, selection, rank), levels in sorted(rows.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1])):
        full = lambda l, k: l["versus_full"][k] if l["versus_full"]["count"] else None
        frag = lambda l: l["versus_fragments"]["mae"] if l["versus_fragments"]["count"] else None
        print(f"| {target} | {selection} | {rank} | {len(levels)} | {cell(levels, lambda l: full(l, 'mae'))} | "
              f"{cell(levels, lambda l: full(l, 'shifted_mae'))} | {cell(levels, frag)} |")


if __name__ == "__main__":
    folder = sys.argv[1]
    table(load(folder, "heldout"), "50 held-out W6 frames (300 K, independent trajectory), mean ± SD over seeds")
    table(load(folder, "450K"), "20 W6 frames from 450 K dynamics (outside the training distribution), mean ± SD over seeds")
