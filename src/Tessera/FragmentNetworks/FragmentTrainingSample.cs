using Tessera.Core;
using Tessera.Data;
using Tessera.Fragments;

namespace Tessera.FragmentNetworks;

/// <summary>One labelled fragment read from a data-set frame: the typed fragment, the target (E_high - E_low when the
/// data has both levels, else the absolute high-level energy; eV) and, when the frame has them, the target's forces (eV/A).</summary>
public sealed record FragmentTrainingSample(Fragment Fragment, double Target, Vec3[]? Forces)
{
    public string Type => Fragment.TypeKey;
    public int Rank => Fragment.Rank;
    public int[] Numbers => Fragment.Structure.Numbers;
    public Vec3[] Positions => Fragment.Structure.Positions;
    public int[] Units => Fragment.Units;
    /// <summary>The frame the sample was read from.</summary>
    public Structure Source => Fragment.Structure;

    /// <summary>Whether the frames hold both levels (delta learning) or only the high level.</summary>
    public static bool IsDeltaData(IReadOnlyList<Structure> frames) =>
        frames.Count > 0 && frames.All(f => f.Info.ContainsKey(DatasetBuilder.DeltaKey) ||
                                            (f.Info.ContainsKey(DatasetBuilder.HighEnergyKey) && f.Info.ContainsKey(DatasetBuilder.LowEnergyKey)));

    public static FragmentTrainingSample From(Structure s, bool delta, int index)
    {
        string Where() => $"data-set frame {index} ({s.Formula})";
        var fragment = FragmentFrames.FromFrame(s, Where, "labelled fragment");
        double target = delta ? Delta(s, Where) : Number(s, DatasetBuilder.HighEnergyKey, Where) ?? s.Energy
            ?? throw new ArgumentException($"{Where()} has no '{DatasetBuilder.HighEnergyKey}' or energy.");
        return new FragmentTrainingSample(fragment, target, TargetForces(s, delta));
    }

    private static double Delta(Structure s, Func<string> where) =>
        Number(s, DatasetBuilder.DeltaKey, where)
        ?? (Number(s, DatasetBuilder.HighEnergyKey, where) - Number(s, DatasetBuilder.LowEnergyKey, where))
        ?? throw new ArgumentException($"{where()} has neither '{DatasetBuilder.DeltaKey}' nor both '{DatasetBuilder.HighEnergyKey}' and '{DatasetBuilder.LowEnergyKey}'.");

    private static double? Number(Structure s, string key, Func<string> where) =>
        !s.Info.TryGetValue(key, out var v) ? null
        : v switch { double d => d, long l => l, _ => throw new ArgumentException($"{where()}: '{key}' is not a number.") };

    private static Vec3[]? TargetForces(Structure s, bool delta)
    {
        Vec3[]? Get(string k) => s.Arrays.TryGetValue(k, out var a) && a.Kind == PerAtomKind.Real && a.Columns == 3 ? a.AsVectors() : null;
        var high = Get(DatasetBuilder.HighForcesArray);
        if (!delta) return high ?? s.Forces;
        var low = Get(DatasetBuilder.LowForcesArray);
        if (high is null || low is null) return null;
        return high.Select((f, i) => f - low[i]).ToArray();
    }
}
