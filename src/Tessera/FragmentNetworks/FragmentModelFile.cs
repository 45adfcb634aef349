using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Descriptors;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Networks;

namespace Tessera.FragmentNetworks;

/// <summary>The fragment model file: versioned JSON with the kind, fragmentation (field by field) and descriptor settings,
/// whether it predicts deltas, low/high levels, per type the elements, input and output scaling and the
/// networks (layer sizes, activation codes, parameters in n2p2 order), the training record and the data
/// provenance. Written atomically (temporary file renamed when complete). Version 1 stored the fragmentation as
/// <see cref="FragmentSettings.ToString"/>, which lost charges, multiplicities, reassignment, blend width and skip-zero;
/// it still reads, with those at their defaults, exactly as it always did. The target (fragment energies or many-body
/// increments) is read as energies when a file does not name it (every file written before increments existed); the
/// resolved training configuration (<see cref="TrainingConfigRecord"/>) is optional, absent from files written before it.</summary>
public static class FragmentModelFile
{
    public const string Kind = "tessera-fragment-networks";
    public const int CurrentVersion = 2;

    /// <summary>Versions this Tessera reads: 1 (fragmentation as a settings string) and 2 (field by field).</summary>
    private static readonly int[] Readable = [1, CurrentVersion];

    public static void Write(string path, FragmentNetworkModel model)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, ToDocument(model), FragmentModelJson.Default.FragmentModelDocument));
    }

    /// <exception cref="FileFormatException">Not a fragment model, unknown version, truncated or inconsistent.</exception>
    public static FragmentNetworkModel Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Fragment model '{path}' does not exist.", path);
        FragmentModelDocument? doc;
        FragmentSettings? fragmentation = null;
        try
        {
            using var stream = File.OpenRead(path);
            using var json = JsonDocument.Parse(stream);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.GetString() != Kind)
                throw new FileFormatException(path, 1, $"not a fragment model (no \"kind\": \"{Kind}\")");
            if (!root.TryGetProperty("format_version", out var v) || !v.TryGetInt32(out int version) || !Readable.Contains(version))
                throw new FileFormatException(path, 1, $"fragment model format version {(root.TryGetProperty("format_version", out var vv) ? vv.ToString() : "(missing)")} " +
                                                       $"is not supported; this Tessera reads versions {string.Join(" and ", Readable)} (open it with the Tessera " +
                                                       "that wrote it, or retrain with 'tessera train fragments')");
            doc = root.Deserialize(FragmentModelJson.Default.FragmentModelDocument);
            if (doc is not null) fragmentation = ReadFragmentation(doc.Fragmentation, version);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new FileFormatException(path, 1, $"inconsistent fragmentation settings: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new FileFormatException(path, (int)(e.LineNumber ?? 0) + 1, $"not a valid fragment model (truncated or corrupted JSON?): {e.Message}");
        }
        if (doc is null) throw new FileFormatException(path, 1, "not a fragment model (JSON null)");
        try { return FromDocument(doc, fragmentation!); }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new FileFormatException(path, 1, $"inconsistent fragment model: {e.Message}");
        }
    }

    private static FragmentModelDocument ToDocument(FragmentNetworkModel m) => new(
        Kind, CurrentVersion,
        JsonSerializer.SerializeToElement(FragmentationDocument.From(m.Fragmentation), FragmentModelJson.Default.FragmentationDocument),
        m.DescriptorSettings, m.Delta, m.LowLevel, m.HighLevel,
        m.Types.OrderBy(t => t.Type, StringComparer.Ordinal).Select(t => new TypeDocument(
            t.Type, [.. t.Descriptor.Elements], t.InputMean, t.InputScale, t.OutputMean, t.OutputScale,
            t.Members.Select(n => new NetworkDocument([.. n.LayerSizes], n.LayerActivations.Select(Activations.Code).ToArray(), n.Parameters)).ToArray()))
            .ToArray(),
        m.Training, new Dictionary<string, string>(m.Provenance), m.Target, m.TrainingConfig);

    /// <summary>Version 1: the settings string; version 2: the settings object.</summary>
    private static FragmentSettings ReadFragmentation(JsonElement e, int version) => version == 1
        // Version 1 predates blending by default: its models reassigned units (report), and still do.
        ? FragmentSettings.Parse(e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException("version 1 stores the fragmentation as a string"))
            with { Reassignment = ReassignmentPolicy.Report }
        : (e.ValueKind == JsonValueKind.Object ? e.Deserialize(FragmentModelJson.Default.FragmentationDocument)! : throw new FormatException("the fragmentation must be an object"))
            .ToSettings();

    private static FragmentNetworkModel FromDocument(FragmentModelDocument d, FragmentSettings fragmentation)
    {
        var types = d.Types.Select(t => new FragmentTypeNetworks(t.Type, new FragmentDescriptor(d.Descriptor, t.Elements, Fragment.UnitFormulas(t.Type)), t.InputMean, t.InputScale,
            t.OutputMean, t.OutputScale,
            t.Networks.Select(n => new DenseNetwork(n.Layers, n.Activations.Select(Activations.FromCode).ToArray(), n.Parameters)).ToArray()));
        return new FragmentNetworkModel(fragmentation, d.Descriptor, d.Delta, types, d.LowLevel, d.HighLevel,
                                        d.Training, d.Provenance, d.Target, d.TrainingConfig);
    }
}

internal sealed record NetworkDocument(int[] Layers, string[] Activations, double[] Parameters);

internal sealed record TypeDocument(string Type, int[] Elements, double[] InputMean, double[] InputScale, double OutputMean, double OutputScale,
                                    NetworkDocument[] Networks);

internal sealed record FragmentModelDocument(string Kind, int FormatVersion, JsonElement Fragmentation, FragmentDescriptorSettings Descriptor,
                                             bool Delta, string? LowLevel, string? HighLevel, TypeDocument[] Types,
                                             FragmentTrainingRecord? Training, Dictionary<string, string> Provenance,
                                             FragmentTarget Target = FragmentTarget.Energy, TrainingConfigRecord? TrainingConfig = null);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
                             NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
                             UseStringEnumConverter = true,
                             RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true,
                             Converters = [typeof(FragmentTrainingSettingsConverter)])]
[JsonSerializable(typeof(FragmentModelDocument))]
[JsonSerializable(typeof(FragmentTrainingSettingsDocument))]
[JsonSerializable(typeof(FragmentationDocument))]
internal sealed partial class FragmentModelJson : JsonSerializerContext;
