using System.Text.Json;
using Tessera.Fragments;

namespace Tessera.Tests.Fragments;

public class FragmentReportTests
{
    [Fact]
    public void Json_carries_units_edges_counts_and_coefficients()
    {
        var s = WaterClusters.Build(WaterClusters.Grid(5, 2.8, 9), seed: 9, protonated: true);
        var f = Fragmentation.Create(s, FragmentSettings.Create(2, 3.6, switchOn: 3.0));
        using var doc = JsonDocument.Parse(FragmentReport.From(f).ToJson());
        var root = doc.RootElement;
        Assert.Equal(FragmentReport.FormatVersion, root.GetProperty("version").GetInt32());
        Assert.Equal(5, root.GetProperty("units").GetArrayLength());
        Assert.Equal(f.Graph.Edges.Count, root.GetProperty("edges").GetArrayLength());
        Assert.Equal(f.Complex.CountsByRank(), root.GetProperty("countsByRank").EnumerateArray().Select(x => x.GetInt32()));
        double sum = root.GetProperty("simplices").EnumerateArray()
            .Where(x => x.GetProperty("units").EnumerateArray().Any(u => u.GetInt32() == 0))
            .Sum(x => x.GetProperty("coefficient").GetDouble());
        Assert.Equal(1.0, sum, 12);
    }
}
