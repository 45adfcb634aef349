using Tessera.Core;
using Tessera.Engines;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Tests.Engines;
using Xunit.Abstractions;

namespace Tessera.Tests.Fragments;

/// <summary>Fragment assembly with the real xtb program.</summary>
[Trait("Category", "Engines")]
public class FragmentEngineTests(ITestOutputHelper output)
{
    internal static Structure RepoStructure(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tessera.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException($"No Tessera.slnx above {AppContext.BaseDirectory}.");
        return StructureFile.Read(Path.Combine(dir.FullName, "data", "structures", name)).First();
    }

    [Fact]
    public void Complete_complex_of_W6_reproduces_GFN2_with_GFN1_as_low_level()
    {
        var s = RepoStructure("w6.xyz");
        Assert.Equal(1, s.Charge);
        string cache = EngineFixtures.TempCachePath();
        try
        {
            var high = EngineFactory.CreateCached("xtb:gfn2", cache);
            var low = EngineFactory.CreateCached("xtb:gfn1", cache);
            // Every one of the 63 fragments is evaluated (no skipping of zero coefficients).
            var settings = FragmentSettings.Create(5, 100.0, skipZeroCoefficients: false);
            Assert.Equal(63, Fragmentation.Create(s, settings).Complex.Simplices.Count);
            double assembled = new FragmentPotential(high, low, settings).Compute(s, Needs.Energy).Energy / Units.Hartree;
            double full = new XtbEngine(XtbSettings.Create("gfn2")).Compute(s, Needs.Energy).Energy / Units.Hartree;
            output.WriteLine($"assembled {assembled:F10} Eh, full GFN2 {full:F10} Eh, difference {assembled - full:E2} Eh");
            Assert.Equal(full, assembled, 1e-8);
        }
        finally { EngineFixtures.DeleteCache(cache); }
    }

    /// <summary>GFN1 low, GFN2 high, R = 2, edges switched between 3.8 and 4.4 A: one water of a trimer
    /// moves out through the switching region. No jump, and energy differences match the forces' work.</summary>
    [Fact]
    public void Xtb_scan_across_the_switching_region_is_continuous()
    {
        string cache = EngineFixtures.TempCachePath();
        try
        {
            var high = EngineFactory.CreateCached("xtb:gfn2", cache);
            var low = EngineFactory.CreateCached("xtb:gfn1", cache);
            var p = new FragmentPotential(high, low, FragmentSettings.Create(2, 4.4, switchOn: 3.8));
            var o = new Vec3[] { new(0, 0, 0), new(0, 2.9, 0), new(3.5, 1.45, 0.3) };
            const double step = 0.05;
            var hard = new FragmentPotential(high, low, FragmentSettings.Create(2, 4.4));
            var rows = new List<(double D, double E, double F, double W, double Hard)>();
            for (double x = 3.5; x <= 4.75 + 1e-9; x += step)
            {
                o[2] = o[2] with { X = x };
                var s = WaterClusters.Build(o, seed: 4);
                var r = p.Compute(s);
                var f = Fragmentation.Create(s, p.Settings);
                double w = f.Graph.Edges.Where(e => e.B == 2).Select(e => e.Weight).DefaultIfEmpty(0).Max();
                rows.Add((Math.Min((o[2] - o[0]).Length, (o[2] - o[1]).Length), r.Energy, r.Forces!.Skip(6).Sum(v => v.X), w,
                          hard.Compute(s, Needs.Energy).Energy));
            }
            output.WriteLine("d_OO(A)  max w   E - E_first (meV)   dE (meV)   -F.dx trapezoid (meV)   hard cutoff: E - E_first (meV)");
            for (int i = 0; i < rows.Count; i++)
            {
                double de = i == 0 ? 0 : rows[i].E - rows[i - 1].E;
                double work = i == 0 ? 0 : -0.5 * (rows[i].F + rows[i - 1].F) * step;
                output.WriteLine(FormattableString.Invariant(
                    $"{rows[i].D,7:F3} {rows[i].W,7:F4} {1e3 * (rows[i].E - rows[0].E),12:F4} {1e3 * de,10:F4} {1e3 * work,12:F4} {1e3 * (rows[i].Hard - rows[0].Hard),14:F4}"));
                if (i > 0) Assert.True(Math.Abs(de - work) < 2e-4, $"step {i}: dE {de} vs work {work}");
            }
        }
        finally { EngineFixtures.DeleteCache(cache); }
    }
}
