namespace Tessera.Data;

/// <summary>Distances of pool members to their nearest centroid (standardised descriptor units), for the
/// out-of-distribution threshold and the data note.</summary>
public static class TessellationReport
{
    /// <summary>Histogram bin edges (standardised units); the last bin is open.</summary>
    public static readonly double[] Edges = [0, 0.5, 1, 2, 4, 8];

    /// <summary>Distance to the nearest centroid of every member of one type, in <see cref="TypeSelection.PoolIds"/> order.</summary>
    public static double[] Distances(TypeSelection type, IReadOnlyDictionary<long, PoolFragment> pool, Descriptors.FragmentDescriptorSettings settings)
    {
        var members = type.PoolIds.Select(id => pool[id]).ToArray();
        var descriptor = FragmentSelector.DescriptorOf(settings, type.Type, type.Elements);
        var x = FragmentSelector.Descriptors(descriptor, members);
        var d = new double[members.Length];
        for (int i = 0; i < members.Length; i++) d[i] = type.Tessellation.Locate(x.AsSpan(i * descriptor.Length, descriptor.Length)).Distance;
        return d;
    }

    /// <summary>Counts per bin of <see cref="Edges"/> (the last counts everything beyond the last edge).</summary>
    public static int[] Histogram(IEnumerable<double> distances)
    {
        var counts = new int[Edges.Length];
        foreach (var d in distances)
        {
            int bin = Edges.Length - 1;
            while (bin > 0 && d < Edges[bin]) bin--;
            counts[bin]++;
        }
        return counts;
    }
}
