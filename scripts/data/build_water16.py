#!/usr/bin/python3
"""Start geometry for the (H2O)16 training set of the Behler-Parrinello networks: 16 waters on a
4 x 2 x 2 grid (O-O 2.9 A) with random orientations (seed 16), to be optimised with GFN2-xTB
before MD. Writes water16_start.xyz in the current folder."""
import numpy as np

rng = np.random.default_rng(16)
OH, HOH = 0.9572, np.radians(104.52)
local = np.array([[0, 0, 0],
                  [OH * np.sin(HOH / 2), 0, OH * np.cos(HOH / 2)],
                  [-OH * np.sin(HOH / 2), 0, OH * np.cos(HOH / 2)]])
lines = []
for i in range(4):
    for j in range(2):
        for k in range(2):
            q = rng.normal(size=4)
            q /= np.linalg.norm(q)
            w, x, y, z = q
            rot = np.array([[1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
                            [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
                            [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)]])
            centre = 2.9 * np.array([i, j, k])
            for sym, r in zip("OHH", local @ rot.T + centre):
                lines.append(f"{sym} {r[0]:.6f} {r[1]:.6f} {r[2]:.6f}")
with open("water16_start.xyz", "w") as f:
    f.write(f"{len(lines)}\n(H2O)16 start: 4x2x2 grid, O-O 2.9 A, random orientations (seed 16)\n" + "\n".join(lines) + "\n")
