using Tessera.Cli;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Tests.Data;
using Tessera.Tests.IO;

namespace Tessera.Tests.Cli;

/// <summary><c>tessera calc</c> records the program's version and options beside the results, from the potential-level
/// contract (<see cref="IProgramPotential"/>), without asking what kind of engine it holds.</summary>
[Collection(ConsoleCollection.Name)]
public class CalcProvenanceTests
{
    [Fact]
    public void Engine_version_and_options_are_written_with_every_frame()
    {
        using var t = new TempDir();
        var input = t.File("in.extxyz");
        StructureFile.Write(input, [TestStructures.WaterMonomer(), TestStructures.WaterDimer()]);

        Assert.Equal(0, CalcCommand.Run(new CountingEngine("toy", options: "acc=0.1"), input, t.File("out.extxyz"), Needs.Forces, json: true));
        Assert.Equal(0, CalcCommand.Run(new CountingEngine("toy"), input, t.File("plain.extxyz"), Needs.Forces, json: true));

        var frames = StructureFile.ReadAll(t.File("out.extxyz"));
        Assert.All(frames, f => Assert.Equal("acc=0.1", f.Info["engine_options"]));
        // The fake's version "1.0" reads back from extxyz as a number.
        Assert.All(frames, f => Assert.Equal(1.0, Convert.ToDouble(f.Info["engine_version"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(StructureFile.ReadAll(t.File("plain.extxyz")), f => Assert.False(f.Info.ContainsKey("engine_options")));
    }
}
