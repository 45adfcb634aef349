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

    /// <summary>The minimum image of a structure whose cell holds the cutoff sphere (each pair one image).</summary>
    /// <exception cref="FragmentationException">A periodic cell narrower than twice the cutoff.</exception>
    public static void RequireCellFits(Structure s, double cutoff) => FittingImage(s, cutoff);

    private static MinimumImage FittingImage(Structure s, double cutoff)
    {
        var image = new MinimumImage(s);
        if (s.IsPeriodic && cutoff >= image.HalfWidth)
            throw new FragmentationException(
                $"The cutoff {cutoff} A is not below half the cell's smallest width ({image.HalfWidth:F3} A), so a pair of units would have " +
                $"several images; use a cutoff below {image.HalfWidth:F3} A or a larger cell (replicate it).");
        return image;
    }

    /// <summary>Edges from an O(N) neighbour list of the anchors within r_off (minimum image through
    /// the cell; the cutoff must stay below half the cell's smallest width so each pair has one image).</summary>
    public static FragmentGraph Build(Structure s, IReadOnlyList<MolecularUnit> units, SwitchingFunction f)
    {
        var image = FittingImage(s, f.Off);
        var unitOf = new int[s.Count];
        Array.Fill(unitOf, -1);
        for (int u = 0; u < units.Count; u++) foreach (int i in units[u].Anchors) unitOf[i] = u;
        // Anchor pairs in range, grouped by unit pair (a < b).
        var byPair = new SortedDictionary<(int A, int B), List<(int I, int J, Vec3 D, double F, double Df)>>();
        var closest = new Dictionary<(int, int), double>();
        var list = NeighbourList.Build(s, double.IsInfinity(f.Off) ? LargestExtent(s) : f.Off);
        for (int i = 0; i < s.Count; i++)
        {
            int a = unitOf[i];
            if (a < 0) continue;
            var js = list.NeighboursOf(i);
            var ds = list.DisplacementsOf(i);
            var rs = list.DistancesOf(i);
            for (int k = 0; k < js.Length; k++)
            {
                int b = unitOf[js[k]];
                if (b <= a || rs[k] >= f.Off) continue;
                var key = (a, b);
                if (!byPair.TryGetValue(key, out var pairs)) byPair[key] = pairs = [];
                pairs.Add((i, js[k], ds[k], f.Evaluate(rs[k], out double df), df));
                closest[key] = Math.Min(closest.GetValueOrDefault(key, double.PositiveInfinity), rs[k]);
            }
        }
        var edges = new List<FragmentEdge>();
        var terms = new List<EdgePairTerm>();
        foreach (var (key, pairs) in byPair) AddEdge(edges, terms, pairs, key.A, key.B, closest[key]);
        return new FragmentGraph(units, edges.ToArray(), terms.ToArray());
    }

    /// <summary>A finite cutoff that reaches every pair of an open structure (for r_off = infinity).</summary>
    private static double LargestExtent(Structure s)
    {
        if (s.IsPeriodic) throw new FragmentationException("An infinite cutoff needs an open structure.");
        var p = s.Positions;
        double span = p.Length == 0 ? 0 : new Vec3(p.Max(r => r.X) - p.Min(r => r.X), p.Max(r => r.Y) - p.Min(r => r.Y),
                                                  p.Max(r => r.Z) - p.Min(r => r.Z)).Length;
        return span + 1;
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
