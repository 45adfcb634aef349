"""Frames between Tessera (extxyz, through ASE) and i-PI (xyz with a CELL(abcABC) comment), and the check of an i-PI
NPT run against `tessera predict` (issue 15, item 3). Used by npt.sh; needs Debian's python3-ase.
  to-ipi EXTXYZ OUT.xyz          first frame, cell and positions in Angstrom
  from-ipi PIPI.extxyz OUT.extxyz every frame of an i-PI 'ase' trajectory, with its step in info['step']
  check NPT.out PREDICTED        i-PI's potential and virial at each saved step against the predicted energy and stress
"""
import re
import sys

import numpy as np
from ase.geometry import cell_to_cellpar
from ase.io import read, write

HARTREE_EV = 27.211386245988      # CODATA 2018, as Tessera (src/Tessera/Core/Units.cs)
BOHR_A = 0.529177210903
EV_PER_A3_IN_BAR = 1.602176634e6


def to_ipi(src, dst):
    atoms = read(src, 0)
    a, b, c, alpha, beta, gamma = cell_to_cellpar(atoms.cell)
    with open(dst, "w") as f:
        f.write(f"{len(atoms)}\n# CELL(abcABC): {a:.10f} {b:.10f} {c:.10f} {alpha:.6f} {beta:.6f} {gamma:.6f}"
                "  cell{angstrom}  positions{angstrom}\n")
        for s, p in zip(atoms.get_chemical_symbols(), atoms.positions):
            f.write(f"{s} {p[0]:.10f} {p[1]:.10f} {p[2]:.10f}\n")


def from_ipi(src, dst):
    frames = read(src, ":", format="extxyz")
    for atoms in frames:                                  # i-PI's 'ase' trajectory: full precision, step in its comment
        atoms.info["step"] = int(re.search(r"Step:\s+(\d+)", atoms.info["ipi_comment"]).group(1))
        atoms.pbc = True
    write(dst, frames, format="extxyz")


def check(out, predicted):
    columns, rows = [], []
    for line in open(out):
        if line.startswith("#"):
            m = re.search(r"(?:column|cols\.)\s+(\d+)(?:-\d+)?\s+-->\s+(\S+)", line)
            if m: columns.append((int(m.group(1)) - 1, m.group(2)))
        elif line.strip():
            rows.append([float(x) for x in line.split()])
    col = {name.split("{")[0]: i for i, name in columns}
    data = {int(r[col["step"]]): r for r in rows}
    print("step  volume/A^3  density/(g/cm3)  dE (i-PI - Tessera)/eV  max |virial + stress|/bar  max |virial|/bar")
    for atoms in read(predicted, ":"):
        step = atoms.info["step"]
        if step not in data: continue
        r = data[step]
        energy = atoms.get_potential_energy()
        stress = atoms.get_stress(voigt=False)          # ASE convention: (1/V) dE/d(strain), eV/A^3
        v = np.array(r[col["virial_md"]:col["virial_md"] + 6]) * HARTREE_EV / BOHR_A**3 * EV_PER_A3_IN_BAR  # vir/V, bar
        virial = np.array([[v[0], v[3], v[4]], [v[3], v[1], v[5]], [v[4], v[5], v[2]]])
        diff = np.abs(virial + stress * EV_PER_A3_IN_BAR).max()
        print(f"{step:5d}  {r[col['volume']]:10.2f}  {r[col['density']]:15.5f}  {r[col['potential']] * HARTREE_EV - energy:22.3e}"
              f"  {diff:25.3e}  {np.abs(virial).max():16.1f}")
    d = np.array([data[k][col["density"]] for k in sorted(data)])
    print(f"density over {len(d)} steps: first {d[0]:.5f}, last {d[-1]:.5f}, mean {d.mean():.5f} g/cm3; "
          f"conserved quantity drift {data[max(data)][col['conserved']] - data[min(data)][col['conserved']]:+.4f} eV")


if __name__ == "__main__":
    {"to-ipi": lambda: to_ipi(*sys.argv[2:4]), "from-ipi": lambda: from_ipi(*sys.argv[2:4]),
     "check": lambda: check(sys.argv[2], sys.argv[3])}[sys.argv[1]]()
