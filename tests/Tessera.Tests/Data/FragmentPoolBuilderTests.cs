using Tessera.Cli;
using Tessera.Core;
using Tessera.Data;
using Tessera.IO;

namespace Tessera.Tests.Data;

[Collection(ConsoleCollection.Name)]
public class FragmentPoolBuilderTests
{
    [Fact]
    public void Pool_command_keeps_types_source_frames_and_atom_maps()
    {
        var folder = Temp.Folder();
        var framesPath = Path.Combine(folder, "frames.extxyz");
        var frames = TestPools.Water(3).Where(f => f.Rank == 1).Select(f => f.Structure).ToList(); // three jittered dimers
        var far = TestStructures.WaterDimer();
        for (int i = 3; i < 6; i++) far.Positions[i] += new Vec3(20, 0, 0); // no edge: two monomers only
        frames.Add(far);
        StructureFile.Write(framesPath, frames);
        var poolPath = Path.Combine(folder, "pool.extxyz.gz");
        Assert.Equal(0, PoolCommand.Run(framesPath, 2, 4.0, null, poolPath));
        var pool = FragmentPool.Read(poolPath);

        Assert.Equal(3 * 3 + 2, pool.Count);
        Assert.Equal(Enumerable.Range(0, pool.Count).Select(i => (long)i), pool.Select(f => f.Id));
        Assert.Equal(8, pool.Count(f => f.Type == TestPools.Monomer && f.Rank == 0));
        Assert.Equal(3, pool.Count(f => f.Type == TestPools.Dimer && f.Rank == 1));
        foreach (var f in pool)
        {
            var source = frames[(int)f.SourceFrame];
            for (int k = 0; k < f.Structure.Count; k++)
            {
                Assert.Equal(source.Numbers[f.AtomMap[k]], f.Structure.Numbers[k]);
                Assert.Equal(source.Positions[f.AtomMap[k]], f.Structure.Positions[k]);
            }
            // Atoms of one unit share a unit index; a dimer has units 0 and 1 with three atoms each.
            Assert.Equal(Enumerable.Range(0, f.Rank + 1), f.Units.Distinct().Order());
            Assert.All(f.Units.GroupBy(u => u), g => Assert.Equal(3, g.Count()));
        }
        Assert.Equal(2, pool.Count(f => f.SourceFrame == 3));
    }
}
