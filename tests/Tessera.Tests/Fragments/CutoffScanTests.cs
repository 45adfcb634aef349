using System.Globalization;
using Tessera.Core;
using Tessera.Fragments;
using Tessera.Potentials;
using Xunit.Abstractions;

namespace Tessera.Tests.Fragments;

public class CutoffScanTests(ITestOutputHelper output)
{
    private static readonly IPotential Low = new HarmonicTestPotential(0.003);
    private static readonly IPotential High = new SumPotential([new HarmonicTestPotential(0.005), new ThreeBodyTestPotential()]);

    /// <summary>Water 2 moves along x away from waters 0 and 1; returns (closest O-O distance of the
    /// moving water, energy, force along the motion) per step.</summary>
    internal static List<(double D, double E, double F)> Scan(FragmentSettings settings, double from, double to, double step)
    {
        var o = new Vec3[] { new(0, 0, 0), new(0, 2.9, 0), new(from, 1.45, 0.3) };
        var p = new FragmentPotential(High, Low, settings);
        var rows = new List<(double, double, double)>();
        for (double x = from; x <= to + 1e-9; x += step)
        {
            o[2] = o[2] with { X = x };
            var s = WaterClusters.Build(o, seed: 4);
            var r = p.Compute(s);
            double f = 0;
            for (int i = 6; i < 9; i++) f += r.Forces![i].X;
            double d = Math.Min((o[2] - o[0]).Length, (o[2] - o[1]).Length);
            rows.Add((d, r.Energy, f));
        }
        return rows;
    }

    [Fact]
    public void Moving_a_water_across_the_cutoff_shows_no_jump_when_switched()
    {
        const double step = 0.005;
        var smooth = Scan(FragmentSettings.Create(2, 4.4, switchOn: 3.8), 2.6, 4.8, step);
        var hard = Scan(FragmentSettings.Create(2, 4.4), 2.6, 4.8, step);
        double maxSmooth = smooth.Zip(smooth.Skip(1)).Max(p => Math.Abs(p.Second.E - p.First.E));
        double maxHard = hard.Zip(hard.Skip(1)).Max(p => Math.Abs(p.Second.E - p.First.E));
        // Energy change per step bounded by the largest force times the step (no jump), and it is
        // the work of the forces: E(b) - E(a) = -integral F dx (trapezoid, error O(step^2)).
        double maxForce = smooth.Max(r => Math.Abs(r.F));
        Assert.True(maxSmooth <= 1.05 * maxForce * step, $"smooth step {maxSmooth} vs force bound {maxForce * step}");
        for (int i = 1; i < smooth.Count; i++)
        {
            double work = -0.5 * (smooth[i].F + smooth[i - 1].F) * step;
            Assert.True(Math.Abs(smooth[i].E - smooth[i - 1].E - work) < 1e-5, $"energy/force mismatch at {smooth[i].D:F3}");
        }
        // The hard cutoff (original method) jumps: this is what the test would catch.
        Assert.True(maxHard > 20 * maxSmooth, $"hard max step {maxHard}, smooth {maxSmooth}");
        output.WriteLine("d_OO(A)   E_switched(eV)   E_hard(eV)   F_x_switched(eV/A)");
        for (int i = 0; i < smooth.Count; i += 10)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{smooth[i].D,7:F3} {smooth[i].E,16:F8} {hard[i].E,12:F8} {smooth[i].F,14:F8}"));
    }
}
