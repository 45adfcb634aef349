using Tessera.Core;

namespace Tessera.Fragments;

/// <summary>An edge of the fragment graph between units A &lt; B.</summary>
/// <param name="Distance">Closest anchor-anchor distance (Angstrom, minimum image).</param>
/// <param name="Weight">w in (0, 1]: 1 - prod over anchor pairs of (1 - f(d_ij)). With one anchor per
/// unit (water) this is f(closest distance); in general it is smooth where the closest pair changes,
/// equals 1 when any pair is inside r_on and 0 when every pair is beyond r_off.</param>
public readonly record struct FragmentEdge(int A, int B, double Distance, double Weight);

/// <summary>dw/dd for one anchor pair of one edge (only pairs inside the switching region).</summary>
/// <param name="Delta">r_J - r_I, minimum image.</param>
public readonly record struct EdgePairTerm(int Edge, int I, int J, Vec3 Delta, double WeightDerivative);

/// <summary>The graph over units: edges wherever the weight is positive (closest anchor distance
/// below the cutoff).</summary>
public sealed class FragmentGraph
{
    public IReadOnlyList<MolecularUnit> Units { get; }
    public IReadOnlyList<FragmentEdge> Edges { get; }
    /// <summary>Pair derivatives for forces; empty for a hard cutoff.</summary>
    public IReadOnlyList<EdgePairTerm> PairTerms { get; }
    /// <summary>Per edge: true when its weight depends on positions (some anchor pair inside the switching region).</summary>
    public bool[] Switching { get; }

    private FragmentGraph(IReadOnlyList<MolecularUnit> units, FragmentEdge[] edges, EdgePairTerm[] pairs)
    {
        Units = units;
        Edges = edges;
        PairTerms = pairs;
        Switching = new bool[edges.Length];
        foreach (var p in pairs) Switching[p.Edge] = true;
    }

    /// <summary>A graph given directly by weighted edges (a &lt; b), for analysis and tests; units are
    /// placeholders holding atom u. No weight depends on positions unless <paramref name="allSwitching"/>
    /// marks every edge as switching (so weight gradients are computed for all).</summary>
    public static FragmentGraph FromEdges(int unitCount, IEnumerable<(int A, int B, double Weight)> edges, bool allSwitching = false)
    {
        var units = Enumerable.Range(0, unitCount).Select(u => new MolecularUnit([u], [u], 0, 1, "X")).ToArray();
        var list = edges.Select(e => e.A < e.B && e.B < unitCount && e.Weight is > 0 and <= 1
            ? new FragmentEdge(e.A, e.B, double.NaN, e.Weight)
            : throw new ArgumentException($"Bad edge ({e.A}, {e.B}, w = {e.Weight}).")).ToArray();
        var graph = new FragmentGraph(units, list, []);
        if (allSwitching) Array.Fill(graph.Switching, true);
        return graph;
    }

    public int Degree(int unit) => Edges.Count(e => e.A == unit || e.B == unit);

    public static FragmentGraph Build(Structure s, IReadOnlyList<MolecularUnit> units, SwitchingFunction f)
    {
        var image = new MinimumImage(s);
        if (s.IsPeriodic && f.Off >= image.HalfWidth)
            throw new FragmentationException(
                $"The cutoff {f.Off} A is not below half the cell's smallest width ({image.HalfWidth:F3} A); minimum image would be ambiguous.");
        var edges = new List<FragmentEdge>();
        var pairs = new List<EdgePairTerm>();
        var local = new List<(int I, int J, Vec3 D, double F, double Df)>();
        double off2 = f.Off * f.Off;
        for (int a = 0; a < units.Count; a++)
            for (int b = a + 1; b < units.Count; b++)
            {
                local.Clear();
                double closest = double.PositiveInfinity;
                foreach (int i in units[a].Anchors)
                    foreach (int j in units[b].Anchors)
                    {
                        var d = image.Delta(i, j);
                        double r2 = d.LengthSquared;
                        closest = Math.Min(closest, r2);
                        if (r2 >= off2) continue;
                        double r = Math.Sqrt(r2);
                        local.Add((i, j, d, f.Evaluate(r, out double df), df));
                    }
                if (local.Count == 0) continue;
                AddEdge(edges, pairs, local, a, b, Math.Sqrt(closest));
            }
        return new FragmentGraph(units, edges.ToArray(), pairs.ToArray());
    }

    private static void AddEdge(List<FragmentEdge> edges, List<EdgePairTerm> pairs,
                                List<(int I, int J, Vec3 D, double F, double Df)> local, int a, int b, double closest)
    {
        double keep = 1;
        foreach (var p in local) keep *= 1 - p.F;
        double w = 1 - keep;
        if (w <= 0) return;
        int e = edges.Count;
        edges.Add(new FragmentEdge(a, b, closest, w));
        for (int p = 0; p < local.Count; p++)
        {
            if (local[p].Df == 0) continue;
            // dw/dd_p = f'(d_p) prod_{q != p} (1 - f(d_q)); a pair with f = 1 has f' = 0.
            double others = 1;
            for (int q = 0; q < local.Count; q++) if (q != p) others *= 1 - local[q].F;
            double dw = local[p].Df * others;
            if (dw != 0) pairs.Add(new EdgePairTerm(e, local[p].I, local[p].J, local[p].D, dw));
        }
    }
}
