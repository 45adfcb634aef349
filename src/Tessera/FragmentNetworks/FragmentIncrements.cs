using Tessera.Core;
using Tessera.Data;
using Tessera.IO;

namespace Tessera.FragmentNetworks;

/// <summary>Many-body increment targets from labelled fragments: for a fragment s whose faces (the sub-fragments
/// over subsets of its units, from the same source frame) are all labelled, d(s) = sum over faces t of s (s included)
/// of (-1)^(|s|-|t|) dE(t), and its forces the same signed sum of the faces' forces, each face atom mapped to s's atom
/// through the frame's atom indices. The 1-body increment of a unit is its own dE. A data set closed under faces
/// (<c>tessera select</c> adds the faces) yields an increment for every fragment; others are left out and counted.</summary>
public static class FragmentIncrements
{
    /// <summary>Increment samples (same order as <paramref name="samples"/>, those with a missing face left out) and the
    /// number left out.</summary>
    public static (FragmentTrainingSample[] Samples, int MissingFaces) From(IReadOnlyList<FragmentTrainingSample> samples)
    {
        var keyed = samples.Select(Key).ToArray();
        var byKey = new Dictionary<(string Frame, string Units), int>(samples.Count);
        for (int i = 0; i < samples.Count; i++)
            if (!byKey.TryAdd((keyed[i].Frame, FaceClosure.Key(keyed[i].Anchors)), i))
                throw new ArgumentException($"Fragment {samples[i].Type} of frame {keyed[i].Frame} appears twice in the data set: " +
                                            "increments need each fragment once.");
        var result = new List<FragmentTrainingSample>(samples.Count);
        int missing = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            var inc = Increment(samples, keyed, byKey, i);
            if (inc is null) missing++;
            else result.Add(inc);
        }
        return (result.ToArray(), missing);
    }

    private static FragmentTrainingSample? Increment(IReadOnlyList<FragmentTrainingSample> samples, (string Frame, long[] Anchors, int[] Map)[] keyed,
                                                     Dictionary<(string, string), int> byKey, int i)
    {
        var s = samples[i];
        var (frame, anchors, map) = keyed[i];
        int n = anchors.Length;
        var local = new Dictionary<int, int>(map.Length);
        for (int k = 0; k < map.Length; k++) local[map[k]] = k;
        double target = 0;
        var forces = s.Forces is null ? null : new Vec3[s.Numbers.Length];
        foreach (var face in FaceClosure.FacesOf(anchors))
        {
            if (!byKey.TryGetValue((frame, FaceClosure.Key(face)), out int j)) return null;
            double sign = ((n - face.Length) & 1) == 0 ? 1 : -1;
            var t = samples[j];
            target += sign * t.Target;
            if (forces is null) continue;
            if (t.Forces is null) forces = null;
            else
                for (int k = 0; k < t.Forces.Length; k++) forces[local[keyed[j].Map[k]]] += sign * t.Forces[k];
        }
        return s with { Target = target, Forces = forces };
    }

    /// <summary>The fragment's frame (pool file and source frame), its units named by their lowest frame atom index, and its atom map.</summary>
    private static (string Frame, long[] Anchors, int[] Map) Key(FragmentTrainingSample s)
    {
        var info = s.Source.Info;
        string where = $"{s.Type} fragment ({s.Source.Formula})";
        var frame = FragmentSchema.SourceFrame(s.Source)
            ?? throw new ArgumentException($"The {where} has no '{FragmentSchema.SourceFrameKey}': increments need each fragment's source frame.");
        var pool = info.TryGetValue(DatasetBuilder.PoolFileKey, out var p) && p is string ps ? ps : "";
        var map = s.Fragment.AtomMap
            ?? throw new ArgumentException($"The {where} has no per-atom '{FragmentSchema.AtomMapArray}': increments need each fragment's frame atoms.");
        return ($"{pool}#{frame}", FaceClosure.UnitAnchors(map, s.Units, s.Rank), map);
    }
}
