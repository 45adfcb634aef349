using Tessera.IO;

namespace Tessera.Tests.IO;

/// <summary>Every malformed input names the file, the 1-based line and the problem.</summary>
public class MalformedFileTests
{
    private static FileFormatException Fails(string format, string text)
    {
        using var t = new TempDir();
        string path = t.Write("bad.txt", text.Replace("|", "\n"));
        var e = Assert.Throws<FileFormatException>(() => StructureFile.ReadAll(path, format));
        Assert.Equal(path, e.File);
        Assert.StartsWith($"{path}:{e.Line}: ", e.Message);
        return e;
    }

    [Theory]
    [InlineData("x|c|H 0 0 0|", 1, "expected an atom count")]
    [InlineData("-1|c|", 1, "expected an atom count")]
    [InlineData("2|c|H 0 0 0|", 4, "truncated frame: expected 2 atom lines, found 1")]
    [InlineData("1", 2, "file ends before the comment line")]
    [InlineData("1|c|H 0 zero 0|", 3, "y coordinate: 'zero' is not a number")]
    [InlineData("1|c|Qq 0 0 0|", 3, "unknown element 'Qq'")]
    [InlineData("1|c|H 0 0|", 3, "found 3 fields")]
    [InlineData("1|c|H 0 0 0||1|c|H 0 0 0|", 4, "blank line where an atom count was expected")]
    public void Xyz(string text, int line, string problem)
    {
        var e = Fails("xyz", text);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem);
    }

    [Theory]
    [InlineData("2|Properties=species:S:1:pos:R:3|H 0 0 0|", 4, "truncated frame: expected 2 atom lines, found 1")]
    [InlineData("1|Properties=species:S:1:pos:R:3:forces:R:3|H 0 0 0 1 2|", 3, "atom line has 6 fields but Properties declares 7 columns")]
    [InlineData("1|Properties=species:S:1:pos:R:3|H 0 0 0 9|", 3, "atom line has 5 fields but Properties declares 4 columns")]
    [InlineData("1|Properties=species:S:1:pos:R:3 name=\"open|H 0 0 0|", 2, "unterminated quote")]
    [InlineData("1|Lattice=\"1 0 0 0 1 0 0 0\" Properties=species:S:1:pos:R:3|H 0 0 0|", 2, "Lattice must hold 9 numbers")]
    [InlineData("1|Properties=species:S:1:pos:X:3|H 0 0 0|", 2, "unknown type 'X'")]
    [InlineData("1|Properties=species:S:1:pos:R|H 0 0 0|", 2, "NAME:TYPE:NCOLS triples")]
    [InlineData("1|Properties=species:S:1:pos:R:0|H|", 2, "not a positive integer")]
    [InlineData("1|Properties=species:S:1:r:R:3|H 0 0 0|", 2, "no pos:R:3 column")]
    [InlineData("2|Properties=species:S:1:pos:R:3|H 0 0 0|Xx 0 0 0|", 4, "unknown element 'Xx'")]
    [InlineData("1|Properties=species:S:1:pos:R:3:n:I:1|H 0 0 0 1.5|", 3, "column 'n': '1.5' is not an integer")]
    [InlineData("1|Properties=species:S:1:pos:R:3:m:L:1|H 0 0 0 yes|", 3, "'yes' is not a logical")]
    [InlineData("1|Properties=species:S:1:pos:R:3|H 0 0 1e|", 3, "column 'pos': '1e' is not a number")]
    [InlineData("1|Properties=species:S:1:pos:R:3 pbc=\"T T T\"|H 0 0 0|", 2, "no Lattice")]
    [InlineData("1|Properties=species:S:1:pos:R:3 pbc=\"T T\" Lattice=\"1 0 0 0 1 0 0 0 1\"|H 0 0 0|", 2, "pbc must be one or three")]
    [InlineData("1|Properties=species:S:1:pos:R:3 stress=\"1 2 3\"|H 0 0 0|", 2, "stress must hold 9 numbers")]
    [InlineData("1|Properties=species:S:1:pos:R:3||", 3, "atom line has 0 fields")]
    [InlineData("one|", 1, "expected an atom count")]
    public void ExtXyz(string text, int line, string problem)
    {
        var e = Fails("extxyz", text);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem);
    }

    private const string Atom = "atom 0 0 0 H 0 0 0 0 0";

    [Theory]
    [InlineData("end|", 1, "'end' without a matching 'begin'")]
    [InlineData("begin|" + Atom + "|energy 1|", 4, "missing 'end'")]
    [InlineData("begin|atom 0 0 0 H 0 0 0 0|end|", 2, "atom line needs 9 fields")]
    [InlineData("begin|atom 0 0 0 Zz 0 0 0 0 0|end|", 2, "unknown element 'Zz'")]
    [InlineData("begin|atom 0 0 x H 0 0 0 0 0|end|", 2, "atom coordinate: 'x' is not a number")]
    [InlineData("begin|lattice 1 0 0|lattice 0 1 0|" + Atom + "|end|", 5, "2 lattice lines")]
    [InlineData("begin|lattice 1 0|end|", 2, "lattice line needs 3 numbers")]
    [InlineData("begin|" + Atom + "|begin|end|", 3, "'begin' inside the frame begun at line 1")]
    [InlineData("begin|" + Atom + "|energy|end|", 3, "energy line needs 1 number")]
    [InlineData("begin|" + Atom + "|charge q|end|", 3, "charge: 'q' is not a number")]
    [InlineData("begin|" + Atom + "|weight 1|end|", 3, "unknown keyword 'weight'")]
    [InlineData("\n\natom 0 0 0 H 0 0 0 0 0|", 3, "expected 'begin'")]
    public void N2p2(string text, int line, string problem)
    {
        var e = Fails("n2p2", text);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem);
    }

    private const string P = "Properties=species:S:1:pos:R:3";

    /// <summary>Frames that parse but are not a geometry or label anything can use (FrameChecks).</summary>
    [Theory]
    [InlineData("xyz", "2|c|O 0 0 0|H 0 nan 0|", 4, "non-finite coordinate")]
    [InlineData("xyz", "1|c|O inf 0 0|", 3, "non-finite coordinate")]
    [InlineData("xyz", "3|c|O 0 0 0|H 0 0 1|H 0 0 1.05|", 5, "atoms 2 (H) (line 4) and 3 (H) are closer than 0.1 A (0.05 A apart)")]
    [InlineData("xyz", "2|c|O 0 0 0|O 0 0 0||2|c|O 0 0 0|O 0 0 3|", 4, "atoms 1 (O) (line 3) and 2 (O)")]
    [InlineData("extxyz", "2|" + P + "|O 0 0 0|H 0 0 -nan|", 4, "non-finite coordinate")]
    [InlineData("extxyz", "2|" + P + "|O 1 1 1|O 1 1 1|", 4, "closer than 0.1 A")]
    [InlineData("extxyz", "1|Lattice=\"5 0 0 5 0 0 0 0 5\" " + P + "|O 0 0 0|", 2, "cell is singular")]
    [InlineData("extxyz", "2|Lattice=\"5 0 0 0 5 0 0 0 5\" " + P + "|O 0.01 2 2|O 4.98 2 2|", 4, "through the periodic cell boundary")]
    [InlineData("extxyz", "2|Lattice=\"5 0 0 1 5 0 0 0 5\" " + P + "|O 0.02 0.02 0.02|O 5.99 4.99 4.99|", 4, "through the periodic cell boundary")]
    [InlineData("extxyz", "2|Lattice=\"5 0 0 0 5 0 0 0 5\" " + P + "|O 1 1 1|O 11 1 1|", 4, "through the periodic cell boundary")]
    [InlineData("extxyz", "1|Lattice=\"5 0 0 0 5 0 0 0 0\" " + P + "|O 0 0 0|", 2, "lattice vector c is 0 A long")]
    [InlineData("extxyz", "1|Lattice=\"5 0 0 0 nan 0 0 0 5\" " + P + "|O 0 0 0|", 2, "non-finite entry")]
    [InlineData("extxyz", "1|" + P + " energy=nan|O 0 0 0|", 2, "energy is NaN")]
    [InlineData("extxyz", "1|" + P + " REF_energy=-inf|O 0 0 0|", 2, "REF_energy is")]
    [InlineData("extxyz", "2|" + P + ":forces:R:3|O 0 0 0 0 0 0|H 0 0 1 0 nan 0|", 4, "forces of atom 2 (H) is not finite")]
    [InlineData("n2p2", "begin|atom 0 0 0 O 0 0 0 0 0|atom 0 0 0 H 0 0 0 0 0|end|", 3, "atoms 1 (O) (line 2) and 2 (H)")]
    [InlineData("n2p2", "begin|atom 0 0 0 O 0 0 nan 0 0|end|", 2, "atom force: 'nan' is not a finite number")]
    [InlineData("n2p2", "begin|" + Atom + "|energy nan|end|", 3, "energy: 'nan' is not a finite number")]
    [InlineData("n2p2", "begin|lattice 9 0 0|lattice 0 9 0|lattice 9 9 0|" + Atom + "|end|", 2, "cell is singular")]
    public void Unusable_frame(string format, string text, int line, string problem)
    {
        var e = Fails(format, text);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void Huge_declared_atom_count_fails_on_the_missing_lines_not_on_memory()
    {
        foreach (var (format, text) in new[] { ("xyz", "2000000000|c|O 0 0 0|"), ("extxyz", $"2000000000|{P}:f:R:1000|O 0 0 0 " + string.Join(' ', Enumerable.Repeat("1", 1000)) + "|") })
        {
            var e = Fails(format, text);
            Assert.Equal(4, e.Line);
            Assert.Contains("expected 2000000000 atom lines, found 1", e.Problem);
        }
    }

    [Fact]
    public void Binary_or_runaway_text_is_quoted_short_and_printable()
    {
        var junk = new string('x', 100_000);
        var bytes = new byte[3000];
        new Random(1).NextBytes(bytes);
        foreach (var (format, text) in new[] { ("xyz", junk), ("n2p2", junk), ("xyz", System.Text.Encoding.Latin1.GetString(bytes).Replace("\n", "").Replace("\r", "")) })
        {
            var e = Fails(format, text);
            Assert.True(e.Message.Length < 800, $"{e.Message.Length} characters");
            Assert.DoesNotContain(e.Message, char.IsControl);
        }
    }

    [Theory]
    [InlineData("2\r\nc\r\nO 0 0 0\r\nH 0 0 1\r\n")]
    [InlineData("2\rc\rO 0 0 0\rH 0 0 1")]
    [InlineData("2\nc\nO 0 0 0\nH 0 0 1\n\n\n")]
    public void Line_ends_of_every_platform_read_alike(string text)
    {
        using var t = new TempDir();
        var s = StructureFile.ReadAll(t.Write("a.xyz", text), "xyz").Single();
        Assert.Equal("c", s.Info["comment"]);
        Assert.Equal(2, s.Count);
    }

    [Fact]
    public void A_file_without_line_breaks_is_refused_before_it_fills_memory()
    {
        using var t = new TempDir();
        var path = t.File("big.xyz");
        using (var w = new StreamWriter(path)) for (int i = 0; i < 17; i++) w.Write(new string('1', 1 << 20));
        var e = Assert.Throws<FileFormatException>(() => StructureFile.ReadAll(path, "xyz"));
        Assert.Equal(1, e.Line);
        Assert.Contains("not a text structure file", e.Problem);
    }

    [Theory]
    [InlineData("pbc=\"T T T\"", "O 0.01 2 2|O 4.8 2 2")]
    [InlineData("pbc=\"F T T\"", "O 0.01 2 2|O 4.98 2 2")] // no image along the open direction a
    public void Atoms_apart_in_the_periodic_cell_read(string pbc, string atoms)
    {
        using var t = new TempDir();
        var path = t.Write("ok.extxyz", $"2\nLattice=\"5 0 0 0 5 0 0 0 5\" {P} {pbc}\n{atoms.Replace("|", "\n")}\n");
        Assert.Equal(2, StructureFile.ReadAll(path).Single().Count);
    }
}
