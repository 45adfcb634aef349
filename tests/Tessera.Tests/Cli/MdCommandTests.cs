using Tessera.Cli;
using Tessera.IO;

namespace Tessera.Tests.Cli;

/// <summary>`tessera md` with GFN2-xTB: trajectory and log are written, and a run stopped at step 10 and resumed to
/// step 20 ends exactly where an uninterrupted NVE run does.</summary>
[Collection(ConsoleCollection.Name)]
[Trait("Category", "Engines")]
public class MdCommandTests
{
    [Fact]
    public async Task ResumedNveRunEqualsAnUninterruptedOne()
    {
        var dir = Directory.CreateTempSubdirectory("tessera-md-cli").FullName;
        try
        {
            string input = Path.Combine(dir, "water.xyz");
            StructureFile.Write(input, [TestStructures.WaterMonomer()]);
            MdCommand.Settings Make(string name, long steps, bool resume) => new(input, "xtb:gfn2", "nve", 300, 0.5, steps, 0.01, 100, 7,
                Path.Combine(dir, name + ".extxyz"), 5, Path.Combine(dir, name + ".log"), 1, resume, null, null);
            Assert.Equal(0, await MdCommand.Run(Make("straight", 20, false), CancellationToken.None));
            Assert.Equal(0, await MdCommand.Run(Make("split", 10, false), CancellationToken.None));
            Assert.Equal(0, await MdCommand.Run(Make("split", 20, true), CancellationToken.None));

            var straight = StructureFile.ReadAll(Path.Combine(dir, "straight.extxyz"));
            var split = StructureFile.ReadAll(Path.Combine(dir, "split.extxyz"));
            Assert.Equal([0L, 5L, 10L, 15L, 20L], split.Select(s => Convert.ToInt64(s.Info["step"])));
            Assert.Equal(straight.Count, split.Count);
            for (int i = 0; i < straight[^1].Count; i++)
                Assert.Equal(0, (straight[^1].Positions[i] - split[^1].Positions[i]).Length, 9);
            var log = File.ReadAllLines(Path.Combine(dir, "split.log"));
            Assert.StartsWith("# step", log[0]);
            Assert.Equal(Enumerable.Range(0, 21).Select(i => i.ToString()), log.Skip(1).Select(l => l.Split(' ')[0]));
        }
        finally { Directory.Delete(dir, true); }
    }
}
