using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.IO;

/// <summary>One training data file as the model remembers it: its name and the SHA-256 of its bytes (lower-case hex),
/// so a model can be matched to the exact data it saw.</summary>
public sealed record DataFileRecord(string File, string Sha256)
{
    public static DataFileRecord Of(string path) =>
        new(Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(System.IO.File.ReadAllBytes(path))));
}

/// <summary>The resolved configuration of one training run, stored with the model: every option's value as its flag
/// takes it (so the run can be repeated), where each value came from ("flag", "file" or "default"), the config file and
/// its hash, the data files and their hashes, the seed, the Tessera version, the command line and the date.</summary>
public sealed record TrainingConfigRecord(string Command, Dictionary<string, string> Options, Dictionary<string, string> Sources,
                                          string? ConfigFile, string? ConfigSha256, DataFileRecord[] Data, int Seed,
                                          string TesseraVersion, string CommandLine, DateTime CreatedUtc)
{
    public const string Flag = "flag", File = "file", Default = "default";

    /// <summary>Where the Behler-Parrinello trainer keeps the record: beside the n2p2 files in the model folder (n2p2
    /// reads none of it).</summary>
    public const string FolderFileName = "training-config.json";

    public static TrainingConfigRecord Create(string command, Dictionary<string, string> options, Dictionary<string, string> sources,
                                              string? configFile, IEnumerable<string> dataFiles, int seed, string commandLine) =>
        new(command, options, sources, configFile is null ? null : Path.GetFileName(configFile),
            configFile is null ? null : DataFileRecord.Of(configFile).Sha256, [.. dataFiles.Select(DataFileRecord.Of)], seed,
            Core.TesseraVersion.Current, commandLine, DateTime.UtcNow);

    /// <summary>Writes the record into a model folder (atomically).</summary>
    public void WriteToFolder(string folder) => AtomicFile.Write(Path.Combine(folder, FolderFileName),
        stream => JsonSerializer.Serialize(stream, this, TrainingConfigJson.Default.TrainingConfigRecord));

    /// <summary>The record of a model folder; null for a folder trained before records existed (or by n2p2).</summary>
    public static TrainingConfigRecord? ReadFromFolder(string folder)
    {
        string path = Path.Combine(folder, FolderFileName);
        return System.IO.File.Exists(path) ? JsonFile.Read(path, TrainingConfigJson.Default.TrainingConfigRecord, "training config record") : null;
    }

    /// <summary>Whether two records hold the same values (records compare dictionaries and arrays by reference).</summary>
    public bool SameAs(TrainingConfigRecord o) =>
        Command == o.Command && Same(Options, o.Options) && Same(Sources, o.Sources) && ConfigFile == o.ConfigFile &&
        ConfigSha256 == o.ConfigSha256 && Data.SequenceEqual(o.Data) && Seed == o.Seed && TesseraVersion == o.TesseraVersion &&
        CommandLine == o.CommandLine && CreatedUtc == o.CreatedUtc;

    private static bool Same(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
                             RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(TrainingConfigRecord))]
internal sealed partial class TrainingConfigJson : JsonSerializerContext;
