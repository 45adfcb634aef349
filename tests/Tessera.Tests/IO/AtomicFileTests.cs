using System.IO.Compression;
using Tessera.IO;

namespace Tessera.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void MissingFolderIsNamedNotTheTemporaryFile()
    {
        string dir = Data.Temp.Folder();
        var target = Path.Combine(dir, "nodir", "out.extxyz");
        var e = Assert.Throws<DirectoryNotFoundException>(() => StructureFile.Write(target, [TestStructures.WaterMonomer()]));
        Assert.Contains("nodir", e.Message);
        Assert.Contains("does not exist", e.Message);
        Assert.DoesNotContain(".tmp", e.Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void AFailingWriterLeavesNeitherTheFileNorATemporary()
    {
        string dir = Data.Temp.Folder();
        var target = Path.Combine(dir, "out.txt");
        File.WriteAllText(target, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(target, w => { w.Write("half"); throw new InvalidOperationException("boom"); }));
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(dir));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void GzipNamesAreCompressed()
    {
        string dir = Data.Temp.Folder();
        var target = Path.Combine(dir, "out.txt.gz");
        AtomicFile.WriteAllText(target, "hello");
        using var r = new StreamReader(new GZipStream(File.OpenRead(target), CompressionMode.Decompress));
        Assert.Equal("hello", r.ReadToEnd());
        Directory.Delete(dir, true);
    }
}
