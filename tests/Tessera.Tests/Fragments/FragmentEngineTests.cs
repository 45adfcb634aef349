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
}
