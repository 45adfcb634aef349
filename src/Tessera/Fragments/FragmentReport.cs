using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Fragments;

/// <summary>A plain summary of a fragmentation (units, edges, simplex counts and coefficients) for
/// printing and JSON. Distances in Angstrom.</summary>
public sealed record FragmentReport(
    string Settings, int Atoms, int Charge, IReadOnlyList<FragmentReport.UnitRow> Units,
    IReadOnlyList<FragmentReport.EdgeRow> Edges, int[] CountsByRank, IReadOnlyList<FragmentReport.SimplexRow> Simplices)
{
    public const int FormatVersion = 1;
    public int Version => FormatVersion;

    public sealed record UnitRow(int Index, string Type, int Charge, int Multiplicity, int[] Atoms);
    public sealed record EdgeRow(int A, int B, double Distance, double Weight);
    public sealed record SimplexRow(int[] Units, int Rank, string Type, double Weight, double Coefficient);

    public static FragmentReport From(Fragmentation f)
    {
        var units = f.Units.Select((u, i) => new UnitRow(i, u.TypeKey, u.Charge, u.Multiplicity, u.Atoms)).ToArray();
        var edges = f.Graph.Edges.Select(e => new EdgeRow(e.A, e.B, e.Distance, e.Weight)).ToArray();
        var simplices = f.Complex.Simplices.Select(s => new SimplexRow(
            s.Units, s.Rank, Fragment.MakeTypeKey(s.Units.Select(u => f.Units[u]), s.Rank), s.Weight, s.Coefficient)).ToArray();
        return new FragmentReport(f.Settings.ToString(), f.Structure.Count, f.Structure.Charge, units, edges,
                                  f.Complex.CountsByRank(), simplices);
    }

    public string ToJson() => JsonSerializer.Serialize(this, FragmentReportJson.Default.FragmentReport);
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FragmentReport))]
internal sealed partial class FragmentReportJson : JsonSerializerContext;
