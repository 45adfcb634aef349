using Tessera.Core;
using Tessera.IO;

namespace Tessera.Tests.IO;

public class XyzTests
{
    [Fact]
    public void WriteThenReadIsIdenticalAndKeepsComments()
    {
        var a = TestStructures.WaterDimer(); a.Info["comment"] = "frame one: E = -152.1 Ha";
        var b = TestStructures.RandomPositions(7, 3.3, seed: 5, z: 6); b.Info["comment"] = "";
        var w = new StringWriter();
        Xyz.Write(w, a); Xyz.Write(w, b);
        var back = Xyz.Read(new StringReader(w.ToString()), "mem").ToList();
        Assert.Equal(2, back.Count);
        StructureAssert.Identical(a, back[0]);
        StructureAssert.Identical(b, back[1]);
    }

    [Fact]
    public void ReadsSymbolsInAnyCaseAndAtomicNumbers()
    {
        var s = Xyz.Read(new StringReader("3\n  some comment  \ncl 0 0 0\n8 1 0 0 extra\nNA 0 1 0\n\n\n"), "mem").Single();
        Assert.Equal([17, 8, 11], s.Numbers);
        Assert.Equal("  some comment  ", s.Info["comment"]);
    }
}
