using System.IO.Compression;
using Tessera.Core;
using Tessera.IO;

namespace Tessera.Tests.IO;

public class StructureFileTests
{
    [Theory]
    [InlineData("a.extxyz", "extxyz")]
    [InlineData("a.extxyz.gz", "extxyz")]
    [InlineData("new.xyz", "extxyz")]
    [InlineData("input.data", "n2p2")]
    [InlineData("train.data.gz", "n2p2")]
    public void DetectsFormatFromName(string name, string format)
    {
        using var t = new TempDir();
        Assert.Equal(format, StructureFile.DetectFormat(t.File(name)));
    }

    [Fact]
    public void XyzIsExtendedOnlyWhenTheCommentSaysSo()
    {
        using var t = new TempDir();
        Assert.Equal("xyz", StructureFile.DetectFormat(t.Write("p.xyz", "1\nenergy=1 plain\nH 0 0 0\n")));
        Assert.Equal("extxyz", StructureFile.DetectFormat(t.Write("e.xyz", "1\nProperties=species:S:1:pos:R:3\nH 0 0 0\n")));
        Assert.Equal("extxyz", StructureFile.DetectFormat(t.Write("l.xyz", "1\nLattice=\"1 0 0 0 1 0 0 0 1\"\nH 0 0 0\n")));
        Assert.Equal("energy=1 plain", StructureFile.ReadAll(t.File("p.xyz")).Single().Info["comment"]);
        Assert.Throws<ArgumentException>(() => StructureFile.DetectFormat(t.File("a.pdb")));
        Assert.Throws<ArgumentException>(() => StructureFile.ReadAll(t.File("p.xyz"), "pdb"));
    }

    [Theory]
    [InlineData("frames.extxyz")]
    [InlineData("frames.xyz.gz")]
    public void RoundTripsThroughFilesIncludingGzip(string name)
    {
        using var t = new TempDir();
        var frames = Enumerable.Range(0, 5).Select(StructureAssert.Rich).ToList();
        StructureFile.Write(t.File(name), frames);
        var back = StructureFile.ReadAll(t.File(name));
        Assert.Equal(5, back.Count);
        for (int i = 0; i < 5; i++) StructureAssert.Identical(frames[i], back[i]);
        if (name.EndsWith(".gz"))
        {
            using var gz = new GZipStream(File.OpenRead(t.File(name)), CompressionMode.Decompress);
            Assert.StartsWith("6\nLattice=", new StreamReader(gz).ReadToEnd());
        }
    }

    [Fact]
    public void ExplicitFormatOverridesTheName()
    {
        using var t = new TempDir();
        StructureFile.Write(t.File("x.txt"), [TestStructures.WaterMonomer()], "n2p2");
        Assert.StartsWith("begin\n", File.ReadAllText(t.File("x.txt")));
        Assert.Equal(3, StructureFile.ReadAll(t.File("x.txt"), "n2p2").Single().Count);
    }

    [Fact]
    public void FailedWriteLeavesTheOldFileAndNoTemporary()
    {
        using var t = new TempDir();
        string path = t.Write("keep.extxyz", "old");
        IEnumerable<Structure> Frames()
        {
            yield return TestStructures.WaterMonomer();
            throw new InvalidOperationException("generator failed");
        }
        Assert.Throws<InvalidOperationException>(() => StructureFile.Write(path, Frames()));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(t.Dir));
    }

    [Fact]
    public void ChargeAndMultiplicitySurviveEveryFormatThatCanHoldThem()
    {
        using var t = new TempDir();
        var s = TestStructures.WaterMonomer(); s.Charge = 1; s.Multiplicity = 2;
        StructureFile.Write(t.File("a.extxyz"), [s]);
        var e = StructureFile.ReadAll(t.File("a.extxyz")).Single();
        Assert.Equal((1, 2), (e.Charge, e.Multiplicity));
        Assert.Empty(e.Info);
        StructureFile.Write(t.File("input.data"), [s]);
        Assert.Equal(1, StructureFile.ReadAll(t.File("input.data")).Single().Charge); // n2p2 has no multiplicity
    }
}
