using Tessera.Cli;
using Tessera.IO;

namespace Tessera.Tests.IO;

[Collection(ConsoleCollection.Name)]
public class ConvertCommandTests
{
    [Fact]
    public void ConvertsN2p2ToGzippedExtxyzAndBack()
    {
        using var t = new TempDir();
        string src = SharedData.Path("n2p2", "Cu2S_PBE", "input.data");
        // Cu2S_PBE's data are Angstrom/eV (its input.nn header says so).
        Assert.Equal(0, ConvertCommand.Run(src, t.File("cu2s.extxyz.gz"), null, null, n2p2Units: "angstrom,ev"));
        Assert.Equal(0, ConvertCommand.Run(t.File("cu2s.extxyz.gz"), t.File("out.txt"), "extxyz", "n2p2", n2p2Units: "angstrom,ev"));
        var a = StructureFile.ReadAll(src, null, N2p2Units.AngstromEv).Single();
        var b = StructureFile.ReadAll(t.File("out.txt"), "n2p2", N2p2Units.AngstromEv).Single();
        Assert.Equal(a.Numbers, b.Numbers);
        Assert.Equal(a.Pbc, b.Pbc);
        Assert.Equal(a.Positions, b.Positions);
        Assert.Equal(a.Energy, b.Energy);
        Assert.Equal(15.246, StructureFile.ReadAll(t.File("cu2s.extxyz.gz")).Single().Cell!.Value[0, 0], 12);
    }

    [Fact]
    public void ConvertsN2p2FromOneUnitToAnother()
    {
        using var t = new TempDir();
        string src = SharedData.Path("n2p2", "Cu2S_PBE", "input.data");
        Assert.Equal(0, ConvertCommand.Run(src, t.File("bohr.data"), null, null, n2p2Units: "angstrom,ev", n2p2OutUnits: "bohr,hartree"));
        var a = StructureFile.ReadAll(src, null, N2p2Units.AngstromEv).Single();
        var b = StructureFile.ReadAll(t.File("bohr.data"), null, N2p2Units.BohrHartree).Single();
        for (int i = 0; i < a.Count; i++) Assert.True((a.Positions[i] - b.Positions[i]).Length < 1e-12, $"atom {i}");
        Assert.Equal(a.Energy!.Value, b.Energy!.Value, 1e-10);
        Assert.Equal(-573.700369 / Tessera.Core.Units.Hartree, StructureFile.ReadAll(t.File("bohr.data"), null, N2p2Units.AngstromEv).Single().Energy!.Value, 12);
    }

    [Fact]
    public void MalformedInputExitsWithOneAndLeavesNoOutput()
    {
        using var t = new TempDir();
        string bad = t.Write("bad.xyz", "2\nc\nH 0 0 0\n");
        var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        try { Assert.Equal(1, ConvertCommand.Run(bad, t.File("out.extxyz"), null, null)); }
        finally { Console.SetError(old); }
        Assert.Equal($"error: {bad}:4: truncated frame: expected 2 atom lines, found 1.", err.ToString().Trim());
        Assert.False(File.Exists(t.File("out.extxyz")));
    }
}
