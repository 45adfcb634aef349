using System.IO.Compression;
using System.Text;
using Tessera.Data;
using Tessera.IO;
using Tessera.Tests.Data;

namespace Tessera.Tests.IO;

/// <summary>Checked gzip input: a cut-off, corrupted or mislabelled .gz is an error naming the file, never a
/// shorter read; whole files (also several members joined) read in full.</summary>
public class GzipFileTests
{
    private static byte[] Gzip(string text)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal)) gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }

    /// <summary>Many frames of a water molecule, so a cut can fall anywhere.</summary>
    private static string Frames(int n) => string.Concat(Enumerable.Range(0, n).Select(i =>
        $"3\nframe {i}\nO 0 0 {i * 0.001}\nH 0.757 0.586 0\nH -0.757 0.586 0\n"));

    [Theory]
    [InlineData(1)]   // the last byte of ISIZE
    [InlineData(8)]   // the whole trailer
    [InlineData(12)]  // the trailer and the end of the deflate data
    [InlineData(-2)]  // half the file
    public void Truncated_gz_is_an_error_naming_the_file(int cut)
    {
        using var t = new TempDir();
        var bytes = Gzip(Frames(3000));
        int keep = cut > 0 ? bytes.Length - cut : bytes.Length / -cut;
        var path = t.File("cut.xyz.gz");
        File.WriteAllBytes(path, bytes[..keep]);
        var e = Assert.Throws<FileFormatException>(() => StructureFile.ReadAll(path));
        Assert.Equal(path, e.File);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Cut_at_the_end_of_the_trailer_reports_truncation()
    {
        using var t = new TempDir();
        var path = t.File("cut.extxyz.gz");
        var bytes = Gzip(Frames(10));
        File.WriteAllBytes(path, bytes[..^4]);
        var e = Assert.Throws<FileFormatException>(() => StructureFile.ReadAll(path));
        Assert.Contains("truncated", e.Problem);
    }

    [Fact]
    public void Wrong_crc_is_an_error_naming_the_file()
    {
        using var t = new TempDir();
        var bytes = Gzip(Frames(50));
        bytes[^8] ^= 0x01;
        var path = t.File("crc.xyz.gz");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<FileFormatException>(() => StructureFile.ReadAll(path));
        Assert.Equal(path, e.File);
        Assert.DoesNotContain("unsupported compression method", e.Message.Replace(path, ""), StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupted_deflate_data_is_an_error_naming_the_file()
    {
        using var t = new TempDir();
        var bytes = Gzip(Frames(500));
        for (int i = bytes.Length / 2; i < bytes.Length / 2 + 16; i++) bytes[i] ^= 0x5a;
        var path = t.File("bad.xyz.gz");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<FileFormatException>(() => StructureFile.ReadAll(path));
        Assert.Equal(path, e.File);
    }

    [Theory]
    [InlineData("")]
    [InlineData("3\nplain\nO 0 0 0\nH 0 0 1\nH 0 1 0\n")]
    public void Plain_or_empty_file_named_gz_is_an_error(string text)
    {
        using var t = new TempDir();
        var path = t.Write("plain.xyz.gz", text);
        var e = Assert.Throws<FileFormatException>(() => StructureFile.ReadAll(path, "xyz"));
        Assert.Equal(path, e.File);
        Assert.Contains("not gzip", e.Problem);
    }

    [Fact]
    public void Joined_gzip_members_read_in_full()
    {
        using var t = new TempDir();
        var path = t.File("joined.xyz.gz");
        File.WriteAllBytes(path, [.. Gzip(Frames(700)), .. Gzip(Frames(300)), .. Gzip(Frames(1))]);
        Assert.Equal(1001, StructureFile.ReadAll(path).Count);
    }

    [Fact]
    public void Whole_file_reads_in_full()
    {
        using var t = new TempDir();
        var path = t.File("whole.xyz.gz");
        File.WriteAllBytes(path, Gzip(Frames(3000)));
        Assert.Equal(3000, StructureFile.ReadAll(path).Count);
    }

    [Fact]
    public void Truncated_selection_file_is_an_error_naming_the_file()
    {
        var doc = FragmentSelector.Select(TestPools.Water(20), SelectionSettings.Create(0.2, seed: 3));
        var path = Path.Combine(Temp.Folder(), "selection.json.gz");
        SelectionFile.Write(path, doc);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^8]);
        var e = Assert.Throws<FileFormatException>(() => SelectionFile.Read(path));
        Assert.Equal(path, e.File);
    }
}
