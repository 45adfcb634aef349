#!/usr/bin/env python3
"""Why the fragment descriptor has angular terms and unit species: kernel ridge fits (Gaussian kernel, best of a
small grid, 20% held out) of the W6 corrections E_high - E_low per fragment type, with pair-distance features only,
with intra-unit angles, and with angles across units. With --increments, of the many-body increments instead (the
networks' targets, from the faces in the same frame), with and without unit species (pair blocks per element within
each unit kind, so the O of H3O+ is not the O of H2O). Debian's python3 (numpy).
    /usr/bin/python3 scripts/analysis/descriptor_kernel_fits.py [data/w6/w6-dataset.extxyz.gz] [--increments]
Prints the held-out MAE in kcal/mol for each type and feature set."""
import gzip, itertools, re, sys
import numpy as np

ARGS = [a for a in sys.argv[1:] if not a.startswith('--')]
DATA = ARGS[0] if ARGS else 'data/w6/w6-dataset.extxyz.gz'
KCAL = 23.0605  # kcal/mol per eV
PK = {'HO': 0, 'HH': 1, 'OO': 2}

def fragments():
    """(comment line, atom rows) of every fragment in the data set."""
    with gzip.open(DATA, 'rt') as f:
        while True:
            line = f.readline()
            if not line:
                break
            n = int(line); head = f.readline()
            yield head, [f.readline().split() for _ in range(n)]

def read(want):
    for head, atoms in fragments():
        if re.search(r'fragment_type=(\S+)', head).group(1) == want:
            yield atoms, float(re.search(r' delta=(\S+)', head).group(1)) * KCAL

def pairs(atoms, intra=np.arange(0.75, 2.0501, 0.1), inter=np.arange(1.2, 9.0001, 0.3)):
    P = np.array([[float(x) for x in a[1:4]] for a in atoms]); S = [a[0] for a in atoms]; U = [int(a[4]) for a in atoms]
    fi = np.zeros((3, len(intra))); fe = np.zeros((3, len(inter) + 2))
    for i in range(len(atoms)):
        for j in range(i + 1, len(atoms)):
            r = np.linalg.norm(P[i] - P[j]); k = PK[''.join(sorted(S[i] + S[j]))]
            if U[i] == U[j]:
                fi[k] += np.exp(-(r - intra) ** 2 / (2 * 0.08 ** 2))
            else:
                fe[k, :-2] += np.exp(-(r - inter) ** 2 / (2 * 0.3 ** 2)); fe[k, -2] += 1 / r; fe[k, -1] += r ** -6
    return np.concatenate([fi.ravel(), fe.ravel()]), P, S, U

def angles(atoms, arms, sigma, across):
    base, P, S, U = pairs(atoms); nb = len(arms)
    out = np.zeros((2, 3, nb, nb, 3))
    n = len(atoms)
    for i in range(n):
        for j in range(n):
            for k in range(j + 1, n):
                if i in (j, k) or (not across and not (U[i] == U[j] == U[k])):
                    continue
                u = P[j] - P[i]; v = P[k] - P[i]; a = np.linalg.norm(u); b = np.linalg.norm(v); c = u @ v / (a * b)
                ga = np.exp(-(a - arms) ** 2 / (2 * sigma ** 2)); gb = np.exp(-(b - arms) ** 2 / (2 * sigma ** 2))
                G = 0.5 * (np.outer(ga, gb) + np.outer(gb, ga))
                for p in range(3):
                    out[0 if S[i] == 'O' else 1, PK[''.join(sorted(S[j] + S[k]))], :, :, p] += G * c ** p
    iu = np.triu_indices(nb)
    return np.concatenate([base] + [out[x, y][iu[0], iu[1], :].ravel() for x in range(2) for y in range(3)])

def krr_mae(X, Y):
    keep = X.std(0) > 1e-12; X = X[:, keep]; X = (X - X.mean(0)) / X.std(0)
    idx = np.random.default_rng(0).permutation(len(Y)); te = idx[:len(Y) // 5]; tr = idx[len(Y) // 5:]
    D = ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)
    best = np.inf
    for gamma in [0.003, 0.01, 0.03, 0.1, 0.3]:
        K = np.exp(-gamma * D / X.shape[1])
        for lam in [1e-8, 1e-6, 1e-4, 1e-2]:
            coef = np.linalg.solve(K[np.ix_(tr, tr)] + lam * np.eye(len(tr)), Y[tr])
            best = min(best, np.abs(K[np.ix_(te, tr)] @ coef - Y[te]).mean())
    return best

def species_pairs(atoms, intra=np.arange(0.75, 2.0501, 0.1), inter=np.arange(1.2, 9.0001, 0.3)):
    """The pair blocks with unit species: an atom's species is its element and its unit's composition."""
    P = np.array([[float(x) for x in a[1:4]] for a in atoms]); U = [int(a[4]) for a in atoms]
    kind = {u: ''.join(sorted(a[0] for a, v in zip(atoms, U) if v == u)) for u in set(U)}
    S = [a[0] + '@' + kind[u] for a, u in zip(atoms, U)]
    block = {}  # one block per unordered species pair; every fragment of a type has the same species
    for k, (p, q) in enumerate(itertools.combinations_with_replacement(sorted(set(S)), 2)):
        block[(p, q)] = block[(q, p)] = k
    fi = np.zeros((len(block), len(intra))); fe = np.zeros((len(block), len(inter) + 2))
    for i in range(len(atoms)):
        for j in range(i + 1, len(atoms)):
            r = np.linalg.norm(P[i] - P[j]); k = block[(S[i], S[j])]
            if U[i] == U[j]:
                fi[k] += np.exp(-(r - intra) ** 2 / (2 * 0.08 ** 2))
            else:
                fe[k, :-2] += np.exp(-(r - inter) ** 2 / (2 * 0.3 ** 2)); fe[k, -2] += 1 / r; fe[k, -1] += r ** -6
    return np.concatenate([fi.ravel(), fe.ravel()])

def increments(want):
    """(atoms, many-body increment in kcal/mol) of every fragment of type `want` whose faces are in the data set."""
    delta, chosen = {}, []
    for head, atoms in fragments():
        frame = int(re.search(r'source_frame=(\S+)', head).group(1)); units = {}
        for a in atoms:
            units.setdefault(int(a[4]), set()).add(int(a[5]))  # unit column, atom_map column
        key = (frame, frozenset(frozenset(v) for v in units.values()))
        delta[key] = float(re.search(r' delta=(\S+)', head).group(1)) * KCAL
        if re.search(r'fragment_type=(\S+)', head).group(1) == want:
            chosen.append((atoms, key))
    out = []
    for atoms, (frame, units) in chosen:
        faces = [(frame, frozenset(c)) for r in range(1, len(units) + 1) for c in itertools.combinations(units, r)]
        if all(k in delta for k in faces):
            out.append((atoms, sum((-1) ** (len(units) - len(k[1])) * delta[k] for k in faces)))
    return out

ARMS = np.arange(0.85, 1.9501, 0.22)
if '--increments' in sys.argv:
    FEATURES = {
        'pairs': lambda a: pairs(a)[0],
        'pairs + angles across units (the networks before unit species)': lambda a: angles(a, ARMS, 0.15, True),
        'pairs with unit species': species_pairs,
        'pairs with unit species + angles across units (the networks now)':
            lambda a: np.concatenate([species_pairs(a), angles(a, ARMS, 0.15, True)[len(pairs(a)[0]):]]),
    }
    for t in ['r1:H2O,H3O+', 'r2:H2O,H2O,H3O+', 'r2:H2O,H2O,H2O']:
        data = increments(t); Y = np.array([d for _, d in data]); Y -= Y.mean()
        for name, f in FEATURES.items():
            print(f'{t:16s} {len(Y):4d} increments, {name}: MAE {krr_mae(np.array([f(a) for a, _ in data]), Y):.3f} kcal/mol', flush=True)
    sys.exit(0)

FEATURES = {
    'pairs': lambda a: pairs(a)[0],
    'pairs + intra-unit angles (arms 0.85-1.3 A)': lambda a: angles(a, np.array([0.85, 1.0, 1.15, 1.3]), 0.12, False),
    'pairs + angles across units (arms 0.85-1.95 A)': lambda a: angles(a, np.arange(0.85, 1.9501, 0.22), 0.15, True),
}
for t in ['r0:H3O+', 'r1:H2O,H2O', 'r1:H2O,H3O+']:
    data = list(read(t)); Y = np.array([d for _, d in data]); Y -= Y.mean()
    for name, f in FEATURES.items():
        print(f'{t:14s} {len(Y):4d} fragments, {name}: MAE {krr_mae(np.array([f(a) for a, _ in data]), Y):.3f} kcal/mol')
