#!/usr/bin/env python3
"""Why the fragment descriptor has angular terms: kernel ridge fits (Gaussian kernel, best of a small grid, 20%
held out) of the W6 corrections E_high - E_low per fragment type, with pair-distance features only, with
intra-unit angles, and with angles across units. Debian's python3 (numpy).
    /usr/bin/python3 scripts/analysis/descriptor_kernel_fits.py [data/w6/w6-dataset.extxyz.gz]
Prints the held-out MAE in kcal/mol for each type and feature set."""
import gzip, re, sys
import numpy as np

DATA = sys.argv[1] if len(sys.argv) > 1 else 'data/w6/w6-dataset.extxyz.gz'
KCAL = 23.0605  # kcal/mol per eV
PK = {'HO': 0, 'HH': 1, 'OO': 2}

def read(want):
    with gzip.open(DATA, 'rt') as f:
        while True:
            line = f.readline()
            if not line:
                break
            n = int(line); head = f.readline(); atoms = [f.readline().split() for _ in range(n)]
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

FEATURES = {
    'pairs': lambda a: pairs(a)[0],
    'pairs + intra-unit angles (arms 0.85-1.3 A)': lambda a: angles(a, np.array([0.85, 1.0, 1.15, 1.3]), 0.12, False),
    'pairs + angles across units (arms 0.85-1.95 A)': lambda a: angles(a, np.arange(0.85, 1.9501, 0.22), 0.15, True),
}
for t in ['r0:H3O+', 'r1:H2O,H2O', 'r1:H2O,H3O+']:
    data = list(read(t)); Y = np.array([d for _, d in data]); Y -= Y.mean()
    for name, f in FEATURES.items():
        print(f'{t:14s} {len(Y):4d} fragments, {name}: MAE {krr_mae(np.array([f(a) for a, _ in data]), Y):.3f} kcal/mol')
