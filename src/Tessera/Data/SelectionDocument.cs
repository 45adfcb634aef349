using System.Text.Json.Serialization;
using Tessera.Descriptors;

namespace Tessera.Data;

/// <summary>How a selection was made: target fraction, seed, method ("tessellation": the pool member
/// nearest each k-means centroid; "random": as many members drawn at random; "refinement": recursive tessellation of what
/// lies outside known cells, with <see cref="Fraction"/> the labelling budget), the descriptor used, and whether the
/// selection was closed under faces (<see cref="FaceClosure"/>; files from before it was an option read as false).
/// <see cref="TypeFractions"/> overrides the fraction for named fragment types (types whose increments vary most
/// deserve more samples); null or absent: every type at <see cref="Fraction"/>.</summary>
public sealed record SelectionSettings(double Fraction, int Seed, string Method, FragmentDescriptorSettings Descriptor, bool Faces = false,
                                       IReadOnlyDictionary<string, double>? TypeFractions = null)
{
    /// <summary>"refinement": recursive tessellation of the fragments outside known cells (transfer to a larger system).</summary>
    public const string Tessellated = "tessellation", Random = "random", Refinement = "refinement";

    public static SelectionSettings Create(double fraction = 0.1, int seed = 0, bool random = false,
                                           FragmentDescriptorSettings? descriptor = null, bool faces = false,
                                           IReadOnlyDictionary<string, double>? typeFractions = null) =>
        new SelectionSettings(fraction, seed, random ? Random : Tessellated, descriptor ?? FragmentDescriptorSettings.PairDistances, faces,
                              typeFractions is { Count: > 0 } ? typeFractions : null).Validated();

    /// <summary>The fraction of <paramref name="type"/> to select.</summary>
    public double FractionOf(string type) => TypeFractions is { } f && f.TryGetValue(type, out var x) ? x : Fraction;

    public SelectionSettings Validated()
    {
        if (!(Fraction > 0 && Fraction <= 1)) throw new ArgumentException($"Selection fraction must be in (0, 1], got {Fraction}.");
        foreach (var (type, f) in TypeFractions ?? new Dictionary<string, double>())
            if (!(f > 0 && f <= 1)) throw new ArgumentException($"Selection fraction of type {type} must be in (0, 1], got {f}.");
        if (Method is not (Tessellated or Random or Refinement))
            throw new ArgumentException($"Selection method '{Method}' is not '{Tessellated}', '{Random}' or '{Refinement}'.");
        Descriptor.Validate();
        return this;
    }
}

/// <summary>One fragment type's tessellation and selection. <see cref="PoolIds"/> lists the type's
/// fragment ids in descriptor-row order (the order <see cref="Tessellation.Selected"/> indexes);
/// <see cref="Selected"/> are the fragment ids the method chose; <see cref="Faces"/> the type's fragments added because they
/// are faces of a chosen one (<see cref="FaceClosure"/>; empty without closure). Both are labelled.</summary>
public sealed record TypeSelection(string Type, int[] Elements, Tessellation Tessellation, long[] PoolIds, long[] Selected, long[]? Faces = null)
{
    [JsonIgnore] public long[] FaceIds => Faces ?? [];
}

/// <summary>The selection file's content (JSON, <see cref="FormatVersion"/> checked on load).</summary>
public sealed record SelectionDocument(int FormatVersion, string TesseraVersion, DateTime CreatedUtc, string Pool, int PoolSize,
                                       SelectionSettings Settings, IReadOnlyList<TypeSelection> Types)
{
    public const int CurrentFormat = 1;

    /// <summary>All fragment ids to label (chosen and added faces), ascending.</summary>
    public long[] SelectedIds() => Types.SelectMany(t => t.Selected.Concat(t.FaceIds)).Order().ToArray();

    /// <summary>The ids the method chose, without the faces added to them, ascending.</summary>
    public long[] ChosenIds() => Types.SelectMany(t => t.Selected).Order().ToArray();

    public TypeSelection? ForType(string type) => Types.FirstOrDefault(t => t.Type == type);
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
                             NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
                             RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(SelectionDocument))]
internal sealed partial class DataJsonContext : JsonSerializerContext;
