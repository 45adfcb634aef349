namespace Tessera.Fragments;

/// <summary>All cliques of a graph up to a size, with their weight products and edge indices.</summary>
internal static class CliqueEnumerator
{
    internal sealed record Clique(int[] Units, double Weight, int[] Edges);

    public static List<Clique> Enumerate(FragmentGraph graph, int maxRank, CancellationToken ct)
    {
        int n = graph.Units.Count;
        // Forward adjacency (neighbour > unit) as unit -> edge index.
        var forward = new Dictionary<int, int>[n];
        for (int u = 0; u < n; u++) forward[u] = new Dictionary<int, int>();
        for (int e = 0; e < graph.Edges.Count; e++) forward[graph.Edges[e].A].Add(graph.Edges[e].B, e);
        var result = new List<Clique>();
        var units = new List<int>();
        var edges = new List<int>();
        for (int u = 0; u < n; u++)
        {
            ct.ThrowIfCancellationRequested();
            units.Add(u);
            result.Add(new Clique([u], 1.0, []));
            if (maxRank > 0) Extend(graph, forward, maxRank, units, edges, 1.0, forward[u].Keys.Order().ToArray(), result);
            units.Clear();
        }
        return result;
    }

    /// <param name="candidates">Units above the last one, adjacent to every unit of the clique, ascending.</param>
    private static void Extend(FragmentGraph graph, Dictionary<int, int>[] forward, int maxRank, List<int> units,
                               List<int> edges, double weight, int[] candidates, List<Clique> result)
    {
        for (int c = 0; c < candidates.Length; c++)
        {
            int v = candidates[c];
            int edgesBefore = edges.Count;
            double w = weight;
            foreach (int u in units)
            {
                int e = forward[u][v];
                edges.Add(e);
                w *= graph.Edges[e].Weight;
            }
            units.Add(v);
            result.Add(new Clique(units.ToArray(), w, edges.ToArray()));
            if (units.Count <= maxRank)
            {
                var next = candidates.Skip(c + 1).Where(x => forward[v].ContainsKey(x)).ToArray();
                if (next.Length > 0) Extend(graph, forward, maxRank, units, edges, w, next, result);
            }
            units.RemoveAt(units.Count - 1);
            edges.RemoveRange(edgesBefore, edges.Count - edgesBefore);
        }
    }
}
