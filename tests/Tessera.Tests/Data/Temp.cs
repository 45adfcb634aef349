namespace Tessera.Tests.Data;

/// <summary>Fresh temporary folders for data-pipeline tests that write files.</summary>
public static class Temp
{
    public static string Folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tessera-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
