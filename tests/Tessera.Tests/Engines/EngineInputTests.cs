using System.Text.Json;
using Tessera.Core;
using Tessera.Engines;

namespace Tessera.Tests.Engines;

/// <summary>Input writers, settings validation, cache keys and the spec-string factory (no programs run).</summary>
public class EngineInputTests
{
    [Fact]
    public void XtbArgumentsCarryMethodChargeAndUnpairedElectrons()
    {
        var args = XtbInput.Arguments(XtbSettings.Create("gfn1", accuracy: 0.1), EngineFixtures.Hydronium(), gradient: true);
        Assert.Equal(["geometry.xyz", "--gfn", "1", "--chrg", "1", "--uhf", "0", "--grad", "--acc", "0.1"], args);
        var radical = XtbInput.Arguments(XtbSettings.Create("gfnff"), EngineFixtures.HydroxylRadical(), gradient: false);
        Assert.Equal(["geometry.xyz", "--gfnff", "--chrg", "0", "--uhf", "1"], radical);
        Assert.Equal("1", XtbInput.Environment(XtbSettings.Create())["OMP_NUM_THREADS"]);
    }

    [Fact]
    public void Psi4JobHasMoleculeBlockOptionsAndUhfForOpenShells()
    {
        var settings = Psi4Settings.Create("MP2/cc-pVDZ");
        var job = JsonDocument.Parse(Psi4Input.Job(settings, [TestStructures.WaterMonomer(), EngineFixtures.HydroxylRadical()], gradient: true)).RootElement;
        Assert.Equal("mp2", job.GetProperty("method").GetString());
        Assert.True(job.GetProperty("gradient").GetBoolean());
        var opts = job.GetProperty("options");
        Assert.Equal("cc-pvdz", opts.GetProperty("basis").GetString());
        Assert.Equal("df", opts.GetProperty("mp2_type").GetString());
        Assert.True(opts.GetProperty("freeze_core").GetBoolean());
        Assert.Equal(1e-8, opts.GetProperty("e_convergence").GetDouble());
        var mols = job.GetProperty("molecules");
        var geom = mols[0].GetProperty("geometry").GetString()!;
        Assert.StartsWith("0 1\nO 0 0 0.1173\n", geom);
        foreach (var word in new[] { "units angstrom", "no_reorient", "no_com", "symmetry c1" }) Assert.Contains(word, geom);
        Assert.False(mols[0].GetProperty("options").TryGetProperty("reference", out _));
        Assert.StartsWith("0 2\n", mols[1].GetProperty("geometry").GetString());
        Assert.Equal("uhf", mols[1].GetProperty("options").GetProperty("reference").GetString());
    }

    [Fact]
    public void SettingsAreValidated()
    {
        Assert.Throws<ArgumentException>(() => XtbSettings.Create("gfn7"));
        Assert.Throws<ArgumentException>(() => XtbSettings.Create(threads: 0));
        Assert.Throws<ArgumentException>(() => Psi4Settings.Create("mp2"));
        Assert.Throws<ArgumentException>(() => Psi4Settings.Create("mp2/cc-pvdz", memory: "lots"));
        Assert.Throws<ArgumentException>(() => Psi4Settings.Create("mp2/cc-pvdz", new Dictionary<string, string> { ["basis"] = "sto-3g" }));
        Assert.Equal("6-31+g*", Psi4Settings.Create("b3lyp/6-31+G*").Basis);
    }

    [Fact]
    public void FactoryBuildsEnginesFromSpecStrings()
    {
        var x = Assert.IsType<XtbEngine>(EngineFactory.Create("xtb:gfn1;threads=2;acc=0.5;timeout=30"));
        Assert.Equal("gfn1", x.Settings.Method);
        Assert.Equal(2, x.Settings.Threads);
        Assert.Equal(0.5, x.Settings.Accuracy);
        Assert.Equal(TimeSpan.FromSeconds(30), x.Settings.Timeout);
        Assert.Equal("xtb:gfn2", EngineFactory.Create("xtb").Name);
        var p = Assert.IsType<Psi4Engine>(EngineFactory.Create("psi4:ccsd/6-31+g*;freeze_core=false;memory=4 GB;threads=2"));
        Assert.Equal("ccsd", p.Settings.Method);
        Assert.Equal("false", p.Settings.Options["freeze_core"]);
        Assert.Equal("4 GB", p.Settings.Memory);
        Assert.Equal("psi4:ccsd/6-31+g*", p.Name);
        var e1 = Assert.Throws<ArgumentException>(() => EngineFactory.Create("orca:mp2/cc-pvdz"));
        Assert.Contains("Unknown engine", e1.Message);
        Assert.Contains("alpb", Assert.Throws<ArgumentException>(() => EngineFactory.Create("xtb:gfn2;basis=x")).Message);
        Assert.Throws<ArgumentException>(() => EngineFactory.Create("psi4:mp2/cc-pvdz;threads=two"));
        Assert.Throws<ArgumentException>(() => EngineFactory.Create("psi4:mp2/cc-pvdz;nonsense"));
    }

    [Fact]
    public void CacheKeySeparatesEverythingThatChangesAnEnergy()
    {
        var id = new EngineIdentity("xtb", "6.5.1", "gfn2", "");
        var s = TestStructures.WaterDimer();
        var key = ResultKey.Of(id, s);
        Assert.Equal(64, key.Length);
        Assert.Equal(key, ResultKey.Of(id, TestStructures.WaterDimer()));
        var tiny = s.Clone(); tiny.Positions[0] += new Vec3(1e-10, 0, 0);
        Assert.Equal(key, ResultKey.Of(id, tiny)); // below the 1e-8 A rounding
        var moved = s.Clone(); moved.Positions[0] += new Vec3(1e-6, 0, 0);
        var charged = s.Clone(); charged.Charge = 2;
        var triplet = s.Clone(); triplet.Multiplicity = 3;
        var boxed = s.Clone(); boxed.Cell = Mat3.Diagonal(10, 10, 10);
        var others = new[]
        {
            ResultKey.Of(id, moved), ResultKey.Of(id, charged), ResultKey.Of(id, triplet), ResultKey.Of(id, boxed),
            ResultKey.Of(id with { Method = "gfn1" }, s), ResultKey.Of(id with { Version = "6.6.0" }, s),
            ResultKey.Of(id with { Options = "acc=0.1" }, s), ResultKey.Of(id with { Program = "psi4" }, s),
        };
        Assert.DoesNotContain(key, others);
        Assert.Equal(others.Length, others.Distinct().Count());
    }

    [Fact]
    public void Psi4CanonicalOptionsIgnoreNumberSpellingAndRunSettings()
    {
        var a = Psi4Settings.Create("mp2/cc-pvdz", new Dictionary<string, string> { ["E_CONVERGENCE"] = "1E-08" }, threads: 2, memory: "1 GB");
        var b = Psi4Settings.Create("mp2/cc-pvdz");
        Assert.Equal(b.CanonicalOptions(), a.CanonicalOptions());
        Assert.NotEqual(b.CanonicalOptions(), Psi4Settings.Create("mp2/cc-pvtz").CanonicalOptions());
    }
}
