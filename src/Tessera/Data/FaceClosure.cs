namespace Tessera.Data;

/// <summary>Closes a selection under faces: every face of a selected simplex, taken from the same source frame
/// (a dimer's two monomers, a trimer's three dimers and three monomers), so that each selected simplex's many-body
/// increment d(s) = sum over faces t of s of (-1)^(|s|-|t|) dE(t) can be formed from labels. The faces are smaller
/// fragments, so they add labels but little cost. A pool holds every clique of its frames' graphs up to its rank,
/// and every face of a clique is a clique, so each face is in the pool.</summary>
public static class FaceClosure
{
    /// <summary>Ids of the pool fragments that are faces of a selected one and not selected themselves, ascending.</summary>
    public static long[] Faces(IReadOnlyList<PoolFragment> pool, IEnumerable<long> selected)
    {
        var facesOf = ProperFaces(pool);
        var chosen = selected.ToHashSet();
        return chosen.SelectMany(facesOf).Where(id => !chosen.Contains(id)).Distinct().Order().ToArray();
    }

    /// <summary>A lookup of each pool fragment's proper faces (ids, in the same source frame), built once for the pool.</summary>
    public static Func<long, long[]> ProperFaces(IReadOnlyList<PoolFragment> pool)
    {
        var byKey = new Dictionary<(long Frame, string Units), long>(pool.Count);
        foreach (var f in pool) byKey.TryAdd((f.SourceFrame, Key(UnitAnchors(f))), f.Id);
        var byId = pool.ToDictionary(f => f.Id);
        return id =>
        {
            var f = byId.TryGetValue(id, out var pf) ? pf : throw new ArgumentException($"Selected fragment {id} is not in the pool.");
            var anchors = UnitAnchors(f);
            return FacesOf(anchors).Where(x => x.Length < anchors.Length).Select(face =>
                byKey.TryGetValue((f.SourceFrame, Key(face)), out long faceId) ? faceId
                    : throw new ArgumentException($"Fragment {id} (frame {f.SourceFrame}) has a face that is not in the pool: the pool is not closed under faces.")).ToArray();
        };
    }

    /// <summary>Every face of a simplex given by its unit names (non-empty subsets, the simplex itself last).</summary>
    public static IEnumerable<long[]> FacesOf(long[] units)
    {
        int n = units.Length;
        for (int mask = 1; mask < 1 << n; mask++)
            yield return Enumerable.Range(0, n).Where(b => (mask >> b & 1) != 0).Select(b => units[b]).ToArray();
    }

    /// <summary>Each unit of the fragment named by its lowest atom index in the source frame, ascending.</summary>
    public static long[] UnitAnchors(PoolFragment f) => UnitAnchors(f.AtomMap, f.Units, f.Rank);

    public static long[] UnitAnchors(IReadOnlyList<int> atomMap, IReadOnlyList<int> units, int rank)
    {
        var anchors = new long[rank + 1];
        Array.Fill(anchors, long.MaxValue);
        for (int k = 0; k < atomMap.Count; k++) anchors[units[k]] = Math.Min(anchors[units[k]], atomMap[k]);
        Array.Sort(anchors);
        return anchors;
    }

    /// <summary>The lookup key of a set of unit names.</summary>
    public static string Key(long[] anchors) => string.Join(',', anchors);
}
