using Tessera.Core;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Tests.Potentials.BehlerParrinello;

/// <summary>Physics of the assembled potential on small systems: finite-difference forces and virial,
/// and invariance under rotation, translation and permutation of like atoms.</summary>
public class BehlerParrinelloPotentialTests
{
    private static readonly Lazy<BehlerParrinelloPotential> Water = new(() =>
        new BehlerParrinelloPotential(N2p2Potential.Read(SharedData.Path("n2p2", "H2O_RPBE-D3"))));

    /// <summary>n water molecules at random orientations on a jittered grid with spacing ~3 A.</summary>
    internal static Structure WaterCluster(int n, int seed, double spacing = 3.0, bool periodic = false)
    {
        var rng = new Random(seed);
        int side = (int)Math.Ceiling(Math.Cbrt(n));
        var z = new List<int>(); var r = new List<Vec3>();
        for (int m = 0; m < n; m++)
        {
            var o = new Vec3(m % side, m / side % side, m / (side * side)) * spacing
                    + new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()) * 0.3;
            var rot = RandomRotation(rng);
            z.AddRange([8, 1, 1]);
            r.Add(o);
            r.Add(o + rot(new Vec3(0, 0.757, 0.586)));
            r.Add(o + rot(new Vec3(0, -0.757, 0.586)));
        }
        var s = new Structure([.. z], [.. r]);
        if (periodic) { s.Cell = Mat3.Diagonal(side * spacing, side * spacing, side * spacing); s.Pbc = [true, true, true]; }
        return s;
    }

    internal static Func<Vec3, Vec3> RandomRotation(Random rng)
    {
        // Random unit quaternion.
        double u1 = rng.NextDouble(), u2 = rng.NextDouble(), u3 = rng.NextDouble();
        double a = Math.Sqrt(1 - u1) * Math.Sin(2 * Math.PI * u2), b = Math.Sqrt(1 - u1) * Math.Cos(2 * Math.PI * u2);
        double c = Math.Sqrt(u1) * Math.Sin(2 * Math.PI * u3), d = Math.Sqrt(u1) * Math.Cos(2 * Math.PI * u3);
        var m = new Mat3(new(1 - 2 * (c * c + d * d), 2 * (b * c - a * d), 2 * (b * d + a * c)),
                         new(2 * (b * c + a * d), 1 - 2 * (b * b + d * d), 2 * (c * d - a * b)),
                         new(2 * (b * d - a * c), 2 * (c * d + a * b), 1 - 2 * (b * b + c * c)));
        return v => new Vec3(Vec3.Dot(m.R0, v), Vec3.Dot(m.R1, v), Vec3.Dot(m.R2, v));
    }

    [Fact]
    public void ForcesMatchFiniteDifferencesOpenCluster()
    {
        var s = WaterCluster(6, 1);
        var check = ForceCheck.Run(Water.Value, s, 1e-4);
        Assert.True(check.MaxAbsError < 1e-6, $"max error {check.MaxAbsError:E3} eV/A");
    }

    [Fact]
    public void ForcesAndVirialMatchFiniteDifferencesInASmallPeriodicCell()
    {
        // 8 molecules in a 6 A cube: smaller than the 6.35 A cutoff, so several images count.
        var s = WaterCluster(8, 2, periodic: true);
        var pot = Water.Value;
        var check = ForceCheck.Run(pot, s, 1e-4, [0, 1, 5, 13]);
        Assert.True(check.MaxAbsError < 1e-6, $"max force error {check.MaxAbsError:E3} eV/A");
        var w = pot.Compute(s, Needs.All).Virial!.Value;
        const double h = 1e-5;
        for (int a = 0; a < 3; a++)
            for (int b = a; b < 3; b++)
            {
                double E(double eps)
                {
                    Vec3 Strain(Vec3 v)
                    {
                        double[] x = [v.X, v.Y, v.Z];
                        double[] y = [.. x];
                        y[a] += 0.5 * eps * x[b]; y[b] += 0.5 * eps * x[a];
                        return new Vec3(y[0], y[1], y[2]);
                    }
                    var t = s.WithPositions(s.Positions.Select(Strain).ToArray());
                    var c = s.Cell!.Value;
                    t.Cell = new Mat3(Strain(c.R0), Strain(c.R1), Strain(c.R2));
                    t.Pbc = s.Pbc;
                    return pot.Compute(t, Needs.Energy).Energy;
                }
                double numeric = -(E(h) - E(-h)) / (2 * h);
                Assert.True(Math.Abs(numeric - w[a, b]) < 1e-5, $"W[{a},{b}] analytic {w[a, b]:E8} numeric {numeric:E8}");
            }
    }

    [Fact]
    public void EnergyIsInvariantAndForcesCovariantUnderRotationTranslationPermutation()
    {
        var s = WaterCluster(5, 3);
        var pot = Water.Value;
        var r0 = pot.Compute(s, Needs.Forces);
        var rot = RandomRotation(new Random(7));
        var shift = new Vec3(1.3, -2.1, 0.7);
        var moved = s.WithPositions(s.Positions.Select(p => rot(p) + shift).ToArray());
        var r1 = pot.Compute(moved, Needs.Forces);
        Assert.Equal(r0.Energy, r1.Energy, 1e-9 * Math.Abs(r0.Energy));
        for (int i = 0; i < s.Count; i++)
        {
            var expected = rot(r0.Forces![i]);
            Assert.True((expected - r1.Forces![i]).Length < 1e-9, $"atom {i}: force not rotated with the structure");
        }
        // Swap the two hydrogens of molecule 0 with those of molecule 2, and the oxygens 1 and 3.
        int[] perm = [0, 7, 8, 9, 10, 11, 6, 1, 2, 3, 4, 5, 12, 13, 14];
        var permuted = new Structure(perm.Select(p => s.Numbers[p]).ToArray(), perm.Select(p => s.Positions[p]).ToArray());
        var r2 = pot.Compute(permuted, Needs.Forces);
        Assert.Equal(r0.Energy, r2.Energy, 1e-9 * Math.Abs(r0.Energy));
        for (int i = 0; i < s.Count; i++) Assert.True((r2.Forces![i] - r0.Forces![perm[i]]).Length < 1e-10);
    }

    [Fact]
    public void UnknownElementIsRejectedAndExtrapolationIsCounted()
    {
        var pot = Water.Value;
        Assert.Throws<ArgumentException>(() => pot.Compute(new Structure([6, 1], [new(0, 0, 0), new(1, 0, 0)])));
        // An isolated pair of molecules lies far outside the liquid's symmetry-function ranges.
        var r = pot.Evaluate(TestStructures.WaterDimer());
        Assert.True(r.ExtrapolationWarnings > 0);
    }
}
