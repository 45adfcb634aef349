using System.IO.Compression;
using Tessera.Data;
using Tessera.IO;

namespace Tessera.Tests.Data;

public class FragmentPoolTests
{
    [Theory]
    [InlineData("pool.extxyz")]
    [InlineData("pool.extxyz.gz")]
    public void Pool_round_trips(string name)
    {
        var pool = TestPools.Water(5);
        pool[2].Structure.Charge = 1; // carried by the file, not by info keys
        pool[2].Structure.Multiplicity = 2;
        var path = Path.Combine(Temp.Folder(), name);
        FragmentPool.Write(path, pool);
        var back = FragmentPool.Read(path);
        Assert.Equal(pool.Count, back.Count);
        for (int i = 0; i < pool.Count; i++)
        {
            Assert.Equal(pool[i].Id, back[i].Id);
            Assert.Equal(pool[i].Type, back[i].Type);
            Assert.Equal(pool[i].Rank, back[i].Rank);
            Assert.Equal(pool[i].SourceFrame, back[i].SourceFrame);
            Assert.Equal(pool[i].AtomMap, back[i].AtomMap);
            Assert.Equal(pool[i].Units, back[i].Units);
            Assert.Equal(pool[i].Structure.Numbers, back[i].Structure.Numbers);
            Assert.Equal(pool[i].Structure.Positions, back[i].Structure.Positions);
            Assert.Equal(pool[i].Structure.Charge, back[i].Structure.Charge);
            Assert.Equal(pool[i].Structure.Multiplicity, back[i].Structure.Multiplicity);
        }
        // ASE-style readers see it as ordinary extxyz.
        Assert.Equal(pool.Count, StructureFile.ReadAll(path).Count);
    }

    [Theory]
    [InlineData("pool.extxyz", "cut-mid-frame")]
    [InlineData("pool.extxyz", "cut-at-frame")]
    [InlineData("pool.extxyz", "not-a-pool")]
    [InlineData("pool.extxyz.gz", "cut-bytes")]
    [InlineData("pool.extxyz.gz", "flip-bytes")]
    public void Broken_pool_file_names_the_file(string name, string damage)
    {
        var pool = TestPools.Water(20);
        var path = Path.Combine(Temp.Folder(), name);
        FragmentPool.Write(path, pool);
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "cut-mid-frame": File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]); break;
            case "cut-at-frame":
                var lines = File.ReadAllLines(path);
                File.WriteAllLines(path, lines[..(lines.Length - 9)]); // drop the last (6-atom) frame whole
                break;
            case "not-a-pool": StructureFile.Write(path, [TestStructures.WaterDimer()]); break;
            case "cut-bytes": File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]); break;
            default:
                for (int i = bytes.Length / 3; i < bytes.Length / 3 + 64; i++) bytes[i] ^= 0x5a;
                File.WriteAllBytes(path, bytes);
                break;
        }
        var e = Assert.ThrowsAny<Exception>(() => FragmentPool.Read(path));
        Assert.True(e is FileFormatException, $"{e.GetType().Name}: {e.Message}");
        Assert.Contains(path, e.Message);
    }
}
