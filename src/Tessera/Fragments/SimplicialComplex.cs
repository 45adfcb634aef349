namespace Tessera.Fragments;

/// <summary>A simplex: a clique of units (ascending) of rank = size - 1.</summary>
/// <param name="Weight">W(s): product of the weights of the edges inside s (1 for a node; 0/1 for a hard cutoff).</param>
/// <param name="Coefficient">M(s) = sum over simplices t containing s (t = s included) of (-1)^(|t|-|s|) W(t).</param>
/// <param name="Edges">Indices into the graph's edges of the pairs inside s.</param>
public sealed record Simplex(int[] Units, double Weight, double Coefficient, int[] Edges)
{
    public int Rank => Units.Length - 1;
}

/// <summary>Cliques of the fragment graph up to a rank R with their inclusion-exclusion coefficients.
/// With 0/1 weights, M(s) = sum_{k=0..R-r} (-1)^k N_k(s), N_k(s) = number of rank r+k simplices
/// containing s. With switched edges every edge is read as present with probability w_e,
/// independently; the energy is the expectation of the hard-graph energy over those subgraphs, so
/// M(s) = E[M_G(s)] = sum_{t ⊇ s} (-1)^(|t|-|s|) P(t is a clique) = sum_t (-1)^(|t|-|s|) W(t).
/// Equivalently E = sum_t W(t) I(t), I(t) = sum_{s ⊆ t} (-1)^(|t|-|s|) dE(s) the many-body increment:
/// each increment is switched by the product of its edge switches. Every identity linear in the
/// energies that holds for each subgraph (units counted once, exactness of the complete complex)
/// holds for the expectation, for any weights.</summary>
public sealed class SimplicialComplex
{
    private readonly SimplexIndex _index;

    public FragmentGraph Graph { get; }
    public int MaxRank { get; }
    /// <summary>Simplices ordered by rank, then lexicographically by units.</summary>
    public IReadOnlyList<Simplex> Simplices { get; }

    private SimplicialComplex(FragmentGraph graph, int maxRank, List<Simplex> simplices)
    {
        Graph = graph;
        MaxRank = maxRank;
        Simplices = simplices;
        _index = new SimplexIndex(graph.Units.Count, maxRank, simplices.Select(x => x.Units));
    }

    /// <summary>Number of simplices of each rank 0..MaxRank.</summary>
    public int[] CountsByRank()
    {
        var c = new int[MaxRank + 1];
        foreach (var s in Simplices) c[s.Rank]++;
        return c;
    }

    /// <summary>Index of the simplex with these (ascending) units, or -1.</summary>
    public int IndexOf(ReadOnlySpan<int> units) => _index.IndexOf(units);

    public static SimplicialComplex Build(FragmentGraph graph, int maxRank, CancellationToken ct = default)
    {
        if (maxRank < 0) throw new ArgumentOutOfRangeException(nameof(maxRank), "The rank must be >= 0.");
        // The enumeration is depth-first from ascending units over ascending candidates: lexicographic with prefixes
        // first, so a stable grouping by size is the order by rank, then lexicographic.
        var simplices = CliqueEnumerator.Enumerate(graph, maxRank, ct).OrderBy(c => c.Units.Length)
            .Select(c => new Simplex(c.Units, c.Weight, 0, c.Edges)).ToList();
        var complex = new SimplicialComplex(graph, maxRank, simplices);
        var m = complex.Coefficients(ct);
        for (int i = 0; i < simplices.Count; i++) simplices[i] = simplices[i] with { Coefficient = m[i] };
        return complex;
    }

    /// <summary>M(s) for every simplex: each t adds (-1)^(|t|-|s|) W(t) to every face s of t.</summary>
    private double[] Coefficients(CancellationToken ct)
    {
        var m = new double[Simplices.Count];
        Span<int> face = stackalloc int[MaxRank + 1];
        foreach (var t in Simplices)
        {
            ct.ThrowIfCancellationRequested();
            int size = t.Units.Length;
            for (int mask = 1; mask < 1 << size; mask++)
            {
                int k = Subset(t.Units, mask, face);
                double sign = ((size - k) & 1) == 0 ? 1 : -1;
                m[_index.IndexOf(face[..k])] += sign * t.Weight;
            }
        }
        return m;
    }

    /// <summary>Simplices whose energies the weight derivatives need: every face of a simplex that
    /// contains a switching edge.</summary>
    public bool[] NeededForWeightGradient()
    {
        var needed = new bool[Simplices.Count];
        Span<int> face = stackalloc int[MaxRank + 1];
        foreach (var t in Simplices)
        {
            if (!t.Edges.Any(e => Graph.Switching[e])) continue;
            for (int mask = 1; mask < 1 << t.Units.Length; mask++)
                needed[IndexOf(face[..Subset(t.Units, mask, face)])] = true;
        }
        return needed;
    }

    /// <summary>dE/dw_e for every edge, where E = sum_s M(s) values[s] = sum_t W(t) I(t):
    /// dE/dw_e = sum over t containing e of I(t) prod_{e' in t, e' != e} w_e'. Only switching edges
    /// get non-zero entries; values must be set for every simplex <see cref="NeededForWeightGradient"/> marks.</summary>
    public double[] WeightGradient(ReadOnlySpan<double> values) => IncrementWeightGradient(Increments(values, switchingOnly: true));

    /// <summary>The many-body increments I(t) = sum over faces s of t (t included) of (-1)^(|t|-|s|) values[s] (Moebius
    /// inversion over the face lattice); with <paramref name="switchingOnly"/> only for simplices with a switching edge
    /// (the others are left 0).</summary>
    public double[] Increments(ReadOnlySpan<double> values, bool switchingOnly = false)
    {
        var increments = new double[Simplices.Count];
        Span<int> face = stackalloc int[MaxRank + 1];
        for (int i = 0; i < Simplices.Count; i++)
        {
            var t = Simplices[i];
            if (switchingOnly && !t.Edges.Any(e => Graph.Switching[e])) continue;
            int size = t.Units.Length;
            double increment = 0;
            for (int mask = 1; mask < 1 << size; mask++)
            {
                int k = Subset(t.Units, mask, face);
                increment += (((size - k) & 1) == 0 ? 1 : -1) * values[IndexOf(face[..k])];
            }
            increments[i] = increment;
        }
        return increments;
    }

    /// <summary>dE/dw_e for every edge, where E = sum_t W(t) increments[t]: dE/dw_e = sum over t containing e of
    /// increments[t] prod_{e' in t, e' != e} w_e'. Only switching edges get non-zero entries.</summary>
    public double[] IncrementWeightGradient(ReadOnlySpan<double> increments)
    {
        var grad = new double[Graph.Edges.Count];
        for (int i = 0; i < Simplices.Count; i++)
        {
            var t = Simplices[i];
            if (increments[i] == 0 || !t.Edges.Any(e => Graph.Switching[e])) continue;
            foreach (int e in t.Edges)
            {
                if (!Graph.Switching[e]) continue;
                double others = 1;
                foreach (int e2 in t.Edges) if (e2 != e) others *= Graph.Edges[e2].Weight;
                grad[e] += increments[i] * others;
            }
        }
        return grad;
    }

    private static int Subset(int[] units, int mask, Span<int> face)
    {
        int k = 0;
        for (int b = 0; b < units.Length; b++) if ((mask >> b & 1) != 0) face[k++] = units[b];
        return k;
    }
}
