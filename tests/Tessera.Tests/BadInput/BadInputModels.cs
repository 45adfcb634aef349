namespace Tessera.Tests.BadInput;

/// <summary>A tiny fragment model (two epochs on the shipped W6 data set: xtb gfn2 low level, psi4 mp2/cc-pvdz high
/// level) trained once by the real CLI, for the cases that need a model file.</summary>
public static class BadInputModels
{
    private static readonly Lazy<byte[]> W6 = new(() =>
    {
        string folder = Data.Temp.Folder();
        try
        {
            var o = CliProcess.Run(folder, ["train", "fragments", BadInputRunner.RepoPath(BadInputFiles.W6Dataset), "--low", "xtb-native:gfn2",
                                            "--epochs", "2", "--ensemble", "1", "--hidden", "2", "-o", "m.json"], TimeSpan.FromMinutes(3));
            if (o.ExitCode != 0) throw new InvalidOperationException($"training the corpus model failed: {o.Stderr}");
            return File.ReadAllBytes(Path.Combine(folder, "m.json"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    });

    /// <summary>The model file's bytes (a delta model; its low level is xtb-native:gfn2).</summary>
    public static byte[] W6Model => W6.Value;
}
