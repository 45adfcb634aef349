using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Descriptors;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Networks;

namespace Tessera.FragmentNetworks;

/// <summary>The fragment model file: versioned JSON with the kind, fragmentation and descriptor settings,
/// whether it predicts deltas, low/high levels, per type the elements, input and output scaling and the
/// networks (layer sizes, activation codes, parameters in n2p2 order), the training record and the data
/// provenance. Written atomically (temporary file renamed when complete).</summary>
public static class FragmentModelFile
{
    public const string Kind = "tessera-fragment-networks";
    public const int CurrentVersion = 1;

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
        try
        {
            using var stream = File.OpenRead(path);
            using var json = JsonDocument.Parse(stream);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.GetString() != Kind)
                throw new FileFormatException(path, 1, $"not a fragment model (no \"kind\": \"{Kind}\")");
            if (!root.TryGetProperty("format_version", out var v) || !v.TryGetInt32(out int version) || version != CurrentVersion)
                throw new FileFormatException(path, 1, $"fragment model format version {(root.TryGetProperty("format_version", out var vv) ? vv.ToString() : "(missing)")} " +
                                                       $"is not supported; this Tessera reads version {CurrentVersion}");
            doc = root.Deserialize(FragmentModelJson.Default.FragmentModelDocument);
        }
        catch (JsonException e)
        {
            throw new FileFormatException(path, (int)(e.LineNumber ?? 0) + 1, $"not a valid fragment model (truncated or corrupted JSON?): {e.Message}");
        }
        if (doc is null) throw new FileFormatException(path, 1, "not a fragment model (JSON null)");
        try { return FromDocument(doc); }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new FileFormatException(path, 1, $"inconsistent fragment model: {e.Message}");
        }
    }

    private static FragmentModelDocument ToDocument(FragmentNetworkModel m) => new(
        Kind, CurrentVersion, m.Fragmentation.ToString(), m.DescriptorSettings, m.Delta, m.LowLevel, m.HighLevel,
        m.Types.OrderBy(t => t.Type, StringComparer.Ordinal).Select(t => new TypeDocument(
            t.Type, [.. t.Descriptor.Elements], t.InputMean, t.InputScale, t.OutputMean, t.OutputScale,
            t.Members.Select(n => new NetworkDocument([.. n.LayerSizes], n.LayerActivations.Select(Activations.Code).ToArray(), n.Parameters)).ToArray()))
            .ToArray(),
        m.Training, new Dictionary<string, string>(m.Provenance));

    private static FragmentNetworkModel FromDocument(FragmentModelDocument d)
    {
        var types = d.Types.Select(t => new FragmentTypeNetworks(t.Type, new FragmentDescriptor(d.Descriptor, t.Elements), t.InputMean, t.InputScale,
            t.OutputMean, t.OutputScale,
            t.Networks.Select(n => new DenseNetwork(n.Layers, n.Activations.Select(Activations.FromCode).ToArray(), n.Parameters)).ToArray()));
        return new FragmentNetworkModel(FragmentSettings.Parse(d.Fragmentation), d.Descriptor, d.Delta, types, d.LowLevel, d.HighLevel,
                                        d.Training, d.Provenance);
    }
}

internal sealed record NetworkDocument(int[] Layers, string[] Activations, double[] Parameters);

internal sealed record TypeDocument(string Type, int[] Elements, double[] InputMean, double[] InputScale, double OutputMean, double OutputScale,
                                    NetworkDocument[] Networks);

internal sealed record FragmentModelDocument(string Kind, int FormatVersion, string Fragmentation, FragmentDescriptorSettings Descriptor,
                                             bool Delta, string? LowLevel, string? HighLevel, TypeDocument[] Types,
                                             FragmentTrainingRecord? Training, Dictionary<string, string> Provenance);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
                             NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
                             UseStringEnumConverter = true,
                             RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(FragmentModelDocument))]
internal sealed partial class FragmentModelJson : JsonSerializerContext;
