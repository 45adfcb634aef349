using Tessera.Cli;
using Tessera.Engines;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Tests.IO;

namespace Tessera.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public class CalcCommandTests
{
    [Theory]
    [InlineData("xtb", null, "xtb")]
    [InlineData("xtb", "gfn1", "xtb:gfn1")]
    [InlineData("psi4", "mp2/cc-pvdz", "psi4:mp2/cc-pvdz")]
    [InlineData("xtb:gfn1;acc=0.1", null, "xtb:gfn1;acc=0.1")]
    public void Engine_and_method_make_one_spec(string engine, string? method, string spec) =>
        Assert.Equal(spec, CalcCommand.EngineSpec(engine, method));

    [Fact]
    public void Method_given_twice_is_rejected() =>
        Assert.Throws<ArgumentException>(() => CalcCommand.EngineSpec("xtb:gfn2", "gfn1"));

    [Fact]
    [Trait("Category", "Engines")]
    public void Calc_writes_engine_energies_and_forces_and_reuses_the_cache()
    {
        using var t = new TempDir();
        var input = t.File("in.extxyz");
        StructureFile.Write(input, [TestStructures.WaterDimer(), TestStructures.WaterMonomer()]);
        var cache = new ResultCache(t.File("cache.sqlite"));
        var engine = new CachedPotential(EngineFactory.Create("xtb:gfn2"), cache);

        Assert.Equal(0, CalcCommand.Run(engine, input, t.File("out.extxyz"), Needs.Forces, json: true));
        var frames = StructureFile.ReadAll(t.File("out.extxyz"));
        var direct = EngineFactory.Create("xtb:gfn2").Compute(TestStructures.WaterDimer(), Needs.Forces);
        Assert.Equal(direct.Energy, frames[0].Energy!.Value, 9);
        Assert.Equal(direct.Forces![1].X, frames[0].Forces![1].X, 9);
        Assert.Equal("xtb:gfn2", frames[1].Info["calculator"]);

        long starts = engine.ProcessStarts;
        var again = new CachedPotential(EngineFactory.Create("xtb:gfn2"), cache);
        Assert.Equal(0, CalcCommand.Run(again, input, t.File("out2.extxyz"), Needs.Forces, json: true));
        Assert.Equal(2, again.Hits);
        Assert.Equal(frames[0].Energy, StructureFile.ReadAll(t.File("out2.extxyz"))[0].Energy);
        Assert.True(starts > 0);

        // A second level under its own key keeps the first one.
        var gfn1 = new CachedPotential(EngineFactory.Create("xtb:gfn1"), cache);
        Assert.Equal(0, CalcCommand.Run(gfn1, t.File("out.extxyz"), t.File("both.extxyz"), Needs.Forces, json: true, key: "energy_low"));
        var both = StructureFile.ReadAll(t.File("both.extxyz"))[0];
        Assert.Equal(frames[0].Energy, both.Energy);
        Assert.Equal(EngineFactory.Create("xtb:gfn1").Compute(TestStructures.WaterDimer(), Needs.Energy).Energy, (double)both.Info["energy_low"], 9);
        Assert.Equal("xtb:gfn1", both.Info["energy_low_calculator"]);
        Assert.True(both.Arrays.ContainsKey("energy_low_forces"));
    }

    [Fact]
    [Trait("Category", "Engines")]
    public async Task Calc_with_fragments_reproduces_the_high_level_on_a_complete_complex()
    {
        using var t = new TempDir();
        var input = t.File("dimer.extxyz");
        StructureFile.Write(input, [TestStructures.WaterDimer()]);
        var args = new[] { input, "-o", t.File("frag.extxyz"), "--fragment", "rank=1,cutoff=5", "--low", "xtb:gfn1", "--high", "xtb:gfn2",
                           "--cache", t.File("c.sqlite"), "--json" };
        Assert.Equal(0, await new CalcCommand().Build().Parse(args).InvokeAsync());
        var frame = StructureFile.ReadAll(t.File("frag.extxyz")).Single();
        var full = EngineFactory.Create("xtb:gfn2").Compute(TestStructures.WaterDimer(), Needs.Forces);
        Assert.Equal(full.Energy, frame.Energy!.Value, 7);
        Assert.True((full.Forces![0] - frame.Forces![0]).Length < 1e-6);
        Assert.StartsWith("fragments(", (string)frame.Info["calculator"]);

        // --low without --fragment is a mistake the user hears about.
        Assert.Equal(1, await new CalcCommand().Build().Parse([input, "-o", t.File("x.extxyz"), "--low", "xtb:gfn1"]).InvokeAsync());
    }
}
