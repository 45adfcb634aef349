using Tessera.Core;
using Tessera.IO;

namespace Tessera.Tests.IO;

public class ExtXyzTests
{
    private static List<Structure> RoundTrip(IEnumerable<Structure> frames)
    {
        var w = new StringWriter();
        foreach (var s in frames) ExtXyz.Write(w, s);
        return ExtXyz.Read(new StringReader(w.ToString()), "mem").ToList();
    }

    [Fact]
    public void WriteThenReadIsIdentical()
    {
        var frames = new[] { StructureAssert.Rich(1), StructureAssert.Rich(2), TestStructures.WaterMonomer() };
        var back = RoundTrip(frames);
        Assert.Equal(3, back.Count);
        for (int i = 0; i < 3; i++) StructureAssert.Identical(frames[i], back[i]);
    }

    [Fact]
    public void WritesAseLayout()
    {
        var s = new Structure([1, 8], [new(0, 0, 0), new(0, 0, 0.97)], Mat3.Diagonal(5, 6, 7), [true, true, true]);
        s.Info["energy"] = -1.5;
        s.Arrays["forces"] = PerAtomArray.Real([0, 0, 1, 0, 0, -1], 3);
        var w = new StringWriter();
        ExtXyz.Write(w, s);
        var lines = w.ToString().Split('\n');
        Assert.Equal("2", lines[0]);
        Assert.Equal("Lattice=\"5.0 0.0 0.0 0.0 6.0 0.0 0.0 0.0 7.0\" Properties=species:S:1:pos:R:3:forces:R:3 energy=-1.5 pbc=\"T T T\"", lines[1]);
        Assert.Equal("O 0.0 0.0 0.97 0.0 0.0 -1.0", lines[3]);
    }

    [Fact]
    public void ParsesAseStyleCommentValues()
    {
        const string text = "2\n" +
            "Lattice=\"4 0 0 0 5 0 0 0 6\" Properties=species:S:1:pos:R:3:Z_ref:I:1:ok:L:1:charge:R:1 " +
            "energy=-3.25 n=7 flag name='two words' esc=\"say \\\"hi\\\"\" v=\"1 2 3\" w={1.5 2} b=F bb=\"T F T\" t=True " +
            "key = spaced stress=\"1 2 3 4 5 6 7 8 9\"\n" +
            "h 0 0 0 1 T 0.5\n" +
            "O 1 1 1 8 False -0.5\n";
        var s = ExtXyz.Read(new StringReader(text), "mem").Single();
        Assert.Equal([1, 8], s.Numbers);
        Assert.Equal(Mat3.Diagonal(4, 5, 6), s.Cell);
        Assert.Equal([true, true, true], s.Pbc); // Lattice without pbc: periodic, as ASE
        Assert.Equal(-3.25, s.Info["energy"]);
        Assert.Equal(7L, s.Info["n"]);
        Assert.Equal(true, s.Info["flag"]);
        Assert.Equal("two words", s.Info["name"]);
        Assert.Equal("say \"hi\"", s.Info["esc"]);
        Assert.Equal(new long[] { 1, 2, 3 }, s.Info["v"]);
        Assert.Equal(new[] { 1.5, 2.0 }, s.Info["w"]);
        Assert.Equal(false, s.Info["b"]);
        Assert.Equal(new[] { true, false, true }, s.Info["bb"]);
        Assert.Equal(true, s.Info["t"]);
        Assert.Equal("spaced", s.Info["key"]);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, s.Info["stress"]);
        Assert.Equal(new long[] { 1, 8 }, s.Arrays["Z_ref"].Integers);
        Assert.Equal(new[] { true, false }, s.Arrays["ok"].Logicals);
        Assert.Equal(new[] { 0.5, -0.5 }, s.Arrays["charges"].Reals); // ASE's name for the charge column
    }

    [Theory]
    [InlineData("charge=-2 multiplicity=3", -2, 3, false)]
    [InlineData("total_charge=1 spin_multiplicity=2", 1, 2, false)]
    [InlineData("charge=0.5", 0, 1, true)]
    public void ChargeAndMultiplicityKeysMoveIntoStructure(string keys, int charge, int mult, bool chargeStaysInInfo)
    {
        var s = ExtXyz.Read(new StringReader($"1\nProperties=species:S:1:pos:R:3 {keys}\nH 0 0 0\n"), "mem").Single();
        Assert.Equal(charge, s.Charge);
        Assert.Equal(mult, s.Multiplicity);
        Assert.Equal(chargeStaysInInfo, s.Info.ContainsKey("charge"));
        Assert.False(s.Info.ContainsKey("multiplicity") || s.Info.ContainsKey("spin_multiplicity") || s.Info.ContainsKey("total_charge"));
    }

    [Fact]
    public void DefaultChargeAndMultiplicityAreNotWritten()
    {
        var w = new StringWriter();
        ExtXyz.Write(w, TestStructures.WaterMonomer());
        Assert.DoesNotContain("charge", w.ToString());
        Assert.DoesNotContain("multiplicity", w.ToString());
        Assert.Contains("pbc=\"F F F\"", w.ToString());
        Assert.DoesNotContain("Lattice", w.ToString());
    }

    [Fact]
    public void MissingPropertiesMeansSpeciesAndPositions()
    {
        var s = ExtXyz.Read(new StringReader("1\nLattice=\"3 0 0 0 3 0 0 0 3\" pbc=\"T F T\"\nNa 1 2 3\n"), "mem").Single();
        Assert.Equal([11], s.Numbers);
        Assert.Equal([true, false, true], s.Pbc);
        Assert.Equal(new Vec3(1, 2, 3), s.Positions[0]);
    }

    [Fact]
    public void ZColumnGivesNumbersAndOverridesSpecies()
    {
        var s = ExtXyz.Read(new StringReader("2\nProperties=Z:I:1:species:S:1:pos:R:3\n8 H 0 0 0\n1 H 1 0 0\n"), "mem").Single();
        Assert.Equal([8, 1], s.Numbers);
        var t = ExtXyz.Read(new StringReader("1\nProperties=pos:R:3:Z:I:1\n0 0 0 26\n"), "mem").Single();
        Assert.Equal([26], t.Numbers);
    }

    [Fact]
    public void ReadsAseJsonListsEmptyStringsAndTrailingFlags()
    {
        const string text = "1\nProperties=species:S:1:pos:R:3 flags=\"_JSON [true, false]\" xs=\"_JSON [1, 2.5]\" " +
                            "nested=\"_JSON [[1, 2]]\" empty=\"\" after=1 last\nH 0 0 0\n";
        var s = ExtXyz.Read(new StringReader(text), "mem").Single();
        Assert.Equal(new[] { true, false }, s.Info["flags"]);
        Assert.Equal(new[] { 1.0, 2.5 }, s.Info["xs"]);
        Assert.Equal("_JSON [[1, 2]]", s.Info["nested"]);
        Assert.Equal("", s.Info["empty"]);
        Assert.Equal(1L, s.Info["after"]);
        Assert.Equal(true, s.Info["last"]);
    }

    [Fact]
    public void RefusesValuesExtxyzCannotHold()
    {
        var s = TestStructures.WaterMonomer();
        s.Info["obj"] = new object();
        Assert.Throws<ArgumentException>(() => ExtXyz.Write(new StringWriter(), s));
        var t = TestStructures.WaterMonomer();
        t.Arrays["name"] = PerAtomArray.Text(["a b", "c", "d"]);
        Assert.Throws<ArgumentException>(() => ExtXyz.Write(new StringWriter(), t));
        var u = TestStructures.WaterMonomer();
        u.Info["note"] = "two\nlines";
        Assert.Throws<ArgumentException>(() => ExtXyz.Write(new StringWriter(), u));
    }

    [Fact]
    public void ReadingIsLazy()
    {
        // The second frame is broken; taking only the first must not touch it.
        const string text = "1\nProperties=species:S:1:pos:R:3\nH 0 0 0\n1\nProperties=species:S:1:pos:R:3\nH 0 0 x\n";
        Assert.Single(ExtXyz.Read(new StringReader(text), "mem").Take(1).ToList());
        Assert.Throws<FileFormatException>(() => ExtXyz.Read(new StringReader(text), "mem").ToList());
    }
}
