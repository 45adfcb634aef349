#!/usr/bin/python3
"""The ab initio floor: how far the fragment assembly E_low(full) + sum M(s) (E_high(s) - E_low(s)), with every
fragment computed at the high level, lies from the full-system high-level energy. No fragment network can beat it.
Reads extxyz frames with `energy_low`, `energy_high` and keys `energy_fragments_rR_cCC` (rank R, cutoff C.C A written without the dot,
switched over 1 A; written by scripts/data/w6.sh step 5) and prints a markdown table in kcal/mol: raw MAE and MAE after removing
the mean signed error, next to the low level + offset baseline.

    /usr/bin/python3 scripts/analysis/fragment_floor.py data/w6/w6-heldout.extxyz.gz
"""
import gzip
import re
import sys

from ase.io import read

EV_TO_KCAL_MOL = 23.060547830619  # CODATA 2018, as src/Tessera/Core/Units.cs


def cutoff_of(key):
    """energy_fragments_r2_c65 -> 6.5 (keys cannot hold a dot)."""
    digits = key.split("_c")[1]
    return float(digits[:-1] + "." + digits[-1])


def stats(errors):
    mean = sum(errors) / len(errors)
    return sum(abs(e) for e in errors) / len(errors), sum(abs(e - mean) for e in errors) / len(errors)


def main(path):
    with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as f:
        frames = read(f, index=":", format="extxyz")
    keys = sorted({k for a in frames for k in a.info if re.fullmatch(r"energy_fragments_r\d+_c\d+", k)},
                  key=lambda k: (cutoff_of(k), int(k.split("_r")[1].split("_")[0])))
    high = [a.info["energy_high"] for a in frames]
    print(f"{path}: {len(frames)} frames, kcal/mol against the full-system high level")
    print("| assembly | MAE | MAE after offset |")
    print("|---|---|---|")
    raw, shifted = stats([(a.info["energy_low"] - h) * EV_TO_KCAL_MOL for a, h in zip(frames, high)])
    print(f"| low level + offset | {raw:.3f} | {shifted:.3f} |")
    for k in keys:
        rank, cutoff = k.split("_r")[1].split("_c")[0], cutoff_of(k)
        raw, shifted = stats([(a.info[k] - h) * EV_TO_KCAL_MOL for a, h in zip(frames, high)])
        print(f"| R = {rank}, cutoff {cutoff:g} A (switched from {cutoff - 1:g}) | {raw:.3f} | {shifted:.3f} |")


if __name__ == "__main__":
    main(sys.argv[1])
