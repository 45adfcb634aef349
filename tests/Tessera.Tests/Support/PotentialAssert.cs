using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Tests;

/// <summary>Checks any potential can be put through: finite-difference forces and invariance of the
/// energy (and covariance of the forces) under translation, rotation and permutation of identical atoms.</summary>
public static class PotentialAssert
{
    public static void ForcesMatchFiniteDifferences(IPotential p, Structure s, double tolerance, double step = 1e-4,
                                                    IReadOnlyList<int>? atoms = null)
    {
        var r = ForceCheck.Run(p, s, step, atoms);
        Assert.True(r.MaxAbsError < tolerance,
            $"{p.Name}: finite-difference force error {r.MaxAbsError:E3} eV/A (atom {r.WorstAtom}, component {r.WorstComponent}) exceeds {tolerance:E1}.");
    }

    public static void TranslationInvariant(IPotential p, Structure s, double tolerance, Vec3? shift = null)
    {
        var t = shift ?? new Vec3(0.731, -1.234, 2.017);
        var moved = s.WithPositions(s.Positions.Select(r => r + t).ToArray());
        Compare(p, s, moved, tolerance, i => i, f => f, "translation");
    }

    public static void RotationInvariant(IPotential p, Structure s, double tolerance, int seed = 3)
    {
        var rot = RandomRotation(new Random(seed));
        if (s.IsPeriodic) throw new ArgumentException("Rotate periodic structures together with their cell; use an open structure here.");
        var moved = s.WithPositions(s.Positions.Select(r => rot * r).ToArray());
        Compare(p, s, moved, tolerance, i => i, f => rot * f, "rotation");
    }

    /// <summary>Reverses the order of atoms of each element among themselves (all identical-atom swaps at once).</summary>
    public static void PermutationInvariant(IPotential p, Structure s, double tolerance, IReadOnlyList<int>? permutation = null)
    {
        var perm = permutation?.ToArray() ?? SpeciesPreservingReversal(s.Numbers);
        var moved = new Structure(perm.Select(i => s.Numbers[i]).ToArray(), perm.Select(i => s.Positions[i]).ToArray(),
                                  s.Cell, (bool[])s.Pbc.Clone(), s.Charge, s.Multiplicity);
        // moved atom k is original atom perm[k]
        Compare(p, s, moved, tolerance, k => perm[k], f => f, "permutation");
    }

    /// <summary>A uniformly random proper rotation (from a random unit quaternion).</summary>
    public static Mat3 RandomRotation(Random rng)
    {
        double u1 = rng.NextDouble(), u2 = rng.NextDouble() * 2 * Math.PI, u3 = rng.NextDouble() * 2 * Math.PI;
        double a = Math.Sqrt(1 - u1), b = Math.Sqrt(u1);
        double w = a * Math.Sin(u2), x = a * Math.Cos(u2), y = b * Math.Sin(u3), z = b * Math.Cos(u3);
        return new Mat3(
            new(1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)),
            new(2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)),
            new(2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)));
    }

    private static int[] SpeciesPreservingReversal(int[] numbers)
    {
        var perm = Enumerable.Range(0, numbers.Length).ToArray();
        foreach (var group in Enumerable.Range(0, numbers.Length).GroupBy(i => numbers[i]))
        {
            var idx = group.ToArray();
            for (int k = 0; k < idx.Length; k++) perm[idx[k]] = idx[idx.Length - 1 - k];
        }
        return perm;
    }

    private static void Compare(IPotential p, Structure original, Structure moved, double tolerance,
                                Func<int, int> originalIndex, Func<Vec3, Vec3> transformForce, string what)
    {
        var a = p.Compute(original, Needs.Forces);
        var b = p.Compute(moved, Needs.Forces);
        Assert.True(Math.Abs(a.Energy - b.Energy) < tolerance,
            $"{p.Name}: energy changed by {a.Energy - b.Energy:E3} eV under {what}.");
        var fa = a.RequireForces();
        var fb = b.RequireForces();
        for (int k = 0; k < moved.Count; k++)
        {
            double err = (fb[k] - transformForce(fa[originalIndex(k)])).Length;
            Assert.True(err < tolerance, $"{p.Name}: force on atom {k} changed by {err:E3} eV/A under {what}.");
        }
    }
}
