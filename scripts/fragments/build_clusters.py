#!/usr/bin/python3
"""Start geometries for the WB1 protonated water clusters (then optimised with GFN2-xTB, see
optimise_clusters.sh). W6: Zundel H5O2+ whose four outer hydrogens each donate an H-bond to a
water. W21: the 'magic' H+(H2O)21 cage: 20 waters on a pentagonal dodecahedron (O-O 2.75 A),
one water inside, hydrogens laid along cage edges (one H-bond per edge), the excess proton on a
cage water. Writes w6_start.xyz and w21_start.xyz in the current folder."""
import itertools
import numpy as np

OH, HOH = 0.97, np.radians(104.5)


def unit(v):
    return v / np.linalg.norm(v)


def perpendicular(d):
    p = np.cross(d, [0.3, 0.5, 0.8])
    return unit(p)


def water_pointing_away(o, d):
    """Water at o with its bisector along d (hydrogens away from the donor)."""
    p = perpendicular(d)
    half = HOH / 2
    return [o + OH * (np.cos(half) * d + s * np.sin(half) * p) for s in (1, -1)]


def w6():
    atoms = []
    o1, o2 = np.array([-1.2, 0.0, 0.0]), np.array([1.2, 0.0, 0.0])
    atoms += [("O", o1), ("O", o2), ("H", np.zeros(3))]
    dirs = {0: [unit(np.array([-0.5, 0.8, 0.3])), unit(np.array([-0.5, -0.8, 0.3]))],
            1: [unit(np.array([0.5, 0.8, -0.3])), unit(np.array([0.5, -0.8, -0.3]))]}
    for k, o in enumerate((o1, o2)):
        for d in dirs[k]:
            atoms.append(("H", o + OH * d))
            ow = o + 2.6 * d
            atoms.append(("O", ow))
            atoms += [("H", h) for h in water_pointing_away(ow, d)]
    return atoms


def dodecahedron(edge):
    phi = (1 + 5 ** 0.5) / 2
    v = [np.array(p, float) for p in itertools.product((-1, 1), repeat=3)]
    for a, b in ((0, 1), (1, 2), (2, 0)):
        for s1, s2 in itertools.product((-1, 1), repeat=2):
            p = np.zeros(3)
            p[a], p[b] = s1 / phi, s2 * phi
            v.append(p)
    v = np.array(v) * edge / (2 / phi)
    d = np.linalg.norm(v[:, None] - v[None], axis=-1)
    edges = [(i, j) for i in range(20) for j in range(i + 1, 20) if abs(d[i, j] - edge) < 1e-6]
    assert len(edges) == 30
    return v, edges


def w21(seed=7):
    rng = np.random.default_rng(seed)
    v, edges = dodecahedron(2.75)
    hydronium = 0
    capacity = [3 if i == hydronium else 2 for i in range(20)]
    # Orient each edge (donor -> acceptor) without exceeding the donor's hydrogens.
    for _ in range(1000):
        donated, used = [], [0] * 20
        ok = True
        for i, j in rng.permutation(edges):
            choices = [(a, b) for a, b in ((i, j), (j, i)) if used[a] < capacity[a]]
            if not choices:
                ok = False
                break
            a, b = choices[rng.integers(len(choices))]
            used[a] += 1
            donated.append((a, b))
        if ok:
            break
    atoms = [("O", p) for p in v]
    for a, b in donated:
        atoms.append(("H", v[a] + OH * unit(v[b] - v[a])))
    for i in range(20):  # spare hydrogens dangle outwards
        for _ in range(capacity[i] - used[i]):
            atoms.append(("H", v[i] + OH * unit(v[i] + 0.3 * rng.normal(size=3))))
    centre = np.zeros(3) + 0.2
    atoms.append(("O", centre))
    targets = np.argsort(np.linalg.norm(v - centre, axis=1))[:2]
    for t in targets:
        atoms.append(("H", centre + OH * unit(v[t] - centre)))
    return atoms


def write(path, atoms, comment):
    with open(path, "w") as f:
        f.write(f"{len(atoms)}\n{comment}\n")
        for s, p in atoms:
            f.write(f"{s:2s} {p[0]:14.8f} {p[1]:14.8f} {p[2]:14.8f}\n")


write("w6_start.xyz", w6(), "H+(H2O)6 start: Zundel + 4 H-bonded waters (scripts/fragments/build_clusters.py)")
write("w21_start.xyz", w21(), "H+(H2O)21 start: dodecahedral cage + 1 inner water (scripts/fragments/build_clusters.py)")
