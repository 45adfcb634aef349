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

    [Theory]
    [InlineData("charge=1 multiplicity=2", 1, 2)]
    [InlineData("OH radical total_charge=-1 spin_multiplicity=3 E=-75.2", -1, 3)]
    [InlineData("charge=0.5 partial", 0, 1)]
    [InlineData("water \"unbalanced quote", 0, 1)]
    [InlineData("plain comment", 0, 1)]
    public void ReadsChargeAndMultiplicityFromTheComment(string comment, int charge, int multiplicity)
    {
        var s = Xyz.Read(new StringReader($"2\n{comment}\nO 0 0 0\nH 0 0 0.97\n"), "mem").Single();
        Assert.Equal((charge, multiplicity), (s.Charge, s.Multiplicity));
        Assert.Equal(comment, s.Info["comment"]);
    }

    [Theory]
    [InlineData("multiplicity=0")]
    [InlineData("multiplicity=1.5")]
    [InlineData("spin_multiplicity=high")]
    public void MultiplicityThatIsNoSpinIsAnError(string comment)
    {
        var e = Assert.Throws<FileFormatException>(() => Xyz.Read(new StringReader($"1\n{comment}\nO 0 0 0\n"), "mem.xyz").Single());
        Assert.Equal(("mem.xyz", 2), (e.File, e.Line));
        Assert.Contains("multiplicity", e.Problem);
    }

    [Theory]
    [InlineData("", 1, 2, "charge=1 multiplicity=2")]
    [InlineData("OH radical", 0, 2, "OH radical multiplicity=2")]
    [InlineData("charge=2", -1, 1, "charge=2 charge=-1")]
    [InlineData("charge=1", 1, 1, "charge=1")]
    public void WritingKeepsChargeAndMultiplicityInTheComment(string comment, int charge, int multiplicity, string written)
    {
        var s = TestStructures.WaterDimer();
        (s.Charge, s.Multiplicity) = (charge, multiplicity);
        s.Info["comment"] = comment;
        var w = new StringWriter();
        Xyz.Write(w, s);
        Assert.Equal(written, w.ToString().Split('\n')[1]);
        var back = Xyz.Read(new StringReader(w.ToString()), "mem").Single();
        Assert.Equal((charge, multiplicity), (back.Charge, back.Multiplicity));
    }
}
