using Tessera.Core;

namespace Tessera.Fragments;

/// <summary>The fragment-graph history of one trajectory: at each step the set of edges with non-zero weight is
/// compared with the previous step's, and every edge that entered or left is one graph change (the energy of a
/// hard cutoff jumps there; a switched one is smooth but its cliques change). Edges are named by the lowest anchor
/// (heavy atom) of each unit, which a proton hop or a reordering of the unit list leaves alone, so only edges
/// that really crossed r_off count. Owned by the run, next to its <see cref="UnitTracker"/>.</summary>
public sealed class GraphChangeTracker(SwitchingFunction switching)
{
    private readonly object _gate = new();
    private long[]? _last;
    private long _changes;
    private int _edges, _switching;

    /// <summary>Edges that entered or left the graph between consecutive steps, summed over the trajectory.</summary>
    public long Changes { get { lock (_gate) return _changes; } }

    /// <summary>Edges of the latest step (weight &gt; 0).</summary>
    public int Edges { get { lock (_gate) return _edges; } }

    /// <summary>Edges of the latest step inside the switching region (r_on &lt; d &lt; r_off: weight depends on positions).</summary>
    public int SwitchingEdges { get { lock (_gate) return _switching; } }

    /// <summary>Records the graph of <paramref name="s"/> over <paramref name="units"/> (as
    /// <see cref="UnitTracker.Assign"/> returns them) and returns how many edges changed since the previous step.</summary>
    public int Observe(Structure s, int[][] units)
    {
        var anchored = units.Select(g => new MolecularUnit(g, UnitFinder.Anchors(s, g), 0, 1, "")).ToArray();
        var graph = FragmentGraph.Build(s, anchored, switching);
        var edges = new long[graph.Edges.Count];
        for (int e = 0; e < edges.Length; e++)
        {
            int a = anchored[graph.Edges[e].A].Anchors[0], b = anchored[graph.Edges[e].B].Anchors[0];
            edges[e] = Key(Math.Min(a, b), Math.Max(a, b));
        }
        Array.Sort(edges);
        int switchingNow = graph.Switching.Count(w => w);
        lock (_gate)
        {
            int changed = _last is null ? 0 : SymmetricDifference(_last, edges);
            _changes += changed;
            _last = edges;
            _edges = edges.Length;
            _switching = switchingNow;
            return changed;
        }
    }

    private static long Key(int a, int b) => (long)a << 32 | (uint)b;

    /// <summary>Number of keys in exactly one of two ascending arrays (one merge pass).</summary>
    internal static int SymmetricDifference(long[] x, long[] y)
    {
        int i = 0, j = 0, count = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j]) { i++; j++; }
            else if (x[i] < y[j]) { i++; count++; }
            else { j++; count++; }
        }
        return count + (x.Length - i) + (y.Length - j);
    }
}
