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
        Assert.Equal(0, ConvertCommand.Run(src, t.File("cu2s.extxyz.gz"), null, null));
        Assert.Equal(0, ConvertCommand.Run(t.File("cu2s.extxyz.gz"), t.File("out.txt"), "extxyz", "n2p2"));
        var a = StructureFile.ReadAll(src).Single();
        var b = StructureFile.ReadAll(t.File("out.txt"), "n2p2").Single();
        Assert.Equal(a.Numbers, b.Numbers);
        Assert.Equal(a.Pbc, b.Pbc);
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
