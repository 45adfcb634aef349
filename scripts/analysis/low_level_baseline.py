#!/usr/bin/python3
"""The baseline a learned correction has to beat: the low level plus one constant offset, against the
full-system high level on the same frames. Reads extxyz frames carrying `energy_low` and `energy_high`
(eV; e.g. the shipped W6 held-out set) and prints, in kcal/mol, the raw MAE of E_low against E_high and the
MAE after removing the mean signed error (the "low level + offset" figure the evaluation tables stand beside).

    /usr/bin/python3 scripts/analysis/low_level_baseline.py data/w6/w6-heldout.extxyz.gz
"""
import gzip
import sys

from ase.io import read

EV_TO_KCAL_MOL = 23.060547830619  # CODATA 2018, as src/Tessera/Core/Units.cs


def main(path):
    with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as f:
        frames = read(f, index=":", format="extxyz")
    errors = [(a.info["energy_low"] - a.info["energy_high"]) * EV_TO_KCAL_MOL for a in frames]
    mean = sum(errors) / len(errors)
    mae = sum(abs(e) for e in errors) / len(errors)
    mae_offset = sum(abs(e - mean) for e in errors) / len(errors)
    print(f"{path}: {len(errors)} frames; low level vs high level: MAE {mae:.3f} kcal/mol (raw), "
          f"MAE-MSE {mae_offset:.3f} kcal/mol (low level + offset {-mean:.1f} kcal/mol)")


if __name__ == "__main__":
    main(sys.argv[1])
