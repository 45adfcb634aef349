using Tessera.Core;

namespace Tessera.IO;

/// <summary>How a fragment is stored in an extxyz frame (fragment pool, data set, training data): info keys
/// <c>fragment_type</c>, <c>rank</c>, <c>source_frame</c>, <c>fragment_id</c>, <c>pool_size</c> and per-atom integer
/// columns <c>unit</c> (0..rank) and <c>atom_map</c> (index in the source frame); charge and multiplicity as extxyz
/// carries them. The one place these names live: every writer and reader of fragment frames goes through here, and
/// inside Tessera a fragment travels as a typed value instead.</summary>
public static class FragmentSchema
{
    public const string TypeKey = "fragment_type", RankKey = "rank", SourceFrameKey = "source_frame",
                        IdKey = "fragment_id", SizeKey = "pool_size", AtomMapArray = "atom_map", UnitArray = "unit";

    /// <summary>Writes a fragment's type key and rank into <paramref name="s"/> (a copy about to be written to a file).</summary>
    public static void WriteIdentity(Structure s, string type, int rank)
    {
        s.Info[TypeKey] = type;
        s.Info[RankKey] = (long)rank;
    }

    /// <summary>Writes the per-atom unit column (0..rank).</summary>
    public static void WriteUnits(Structure s, ReadOnlySpan<int> units) => s.Arrays[UnitArray] = IntegerColumn(units);

    /// <summary>Writes the per-atom atom map (index in the source frame).</summary>
    public static void WriteAtomMap(Structure s, ReadOnlySpan<int> atomMap) => s.Arrays[AtomMapArray] = IntegerColumn(atomMap);

    /// <summary>Writes where a pool member came from and its pool bookkeeping.</summary>
    public static void WritePoolEntry(Structure s, long sourceFrame, long id, long poolSize)
    {
        s.Info[SourceFrameKey] = sourceFrame;
        s.Info[IdKey] = id;
        s.Info[SizeKey] = poolSize;
    }

    /// <summary>Whether a frame carries a fragment type (a fragment rather than a full structure).</summary>
    public static bool HasType(Structure s) => s.Info.ContainsKey(TypeKey);

    public static string? Type(Structure s) => s.Info.TryGetValue(TypeKey, out var t) && t is string ts ? ts : null;

    public static int? Rank(Structure s) => s.Info.TryGetValue(RankKey, out var r) && r is long rl ? checked((int)rl) : null;

    public static long? SourceFrame(Structure s) => s.Info.TryGetValue(SourceFrameKey, out var f) && f is long fl ? fl : null;

    /// <summary>The per-atom unit column, or null when the frame has no one-column integer <c>unit</c>.</summary>
    public static int[]? Units(Structure s) => IntColumn(s, UnitArray);

    /// <summary>The per-atom atom map, or null when the frame has no one-column integer <c>atom_map</c>.</summary>
    public static int[]? AtomMap(Structure s) => IntColumn(s, AtomMapArray);

    public static int[]? IntColumn(Structure s, string name) =>
        s.Arrays.TryGetValue(name, out var a) && a.Kind == PerAtomKind.Integer && a.Columns == 1
            ? a.Integers.Select(x => checked((int)x)).ToArray() : null;

    private static PerAtomArray IntegerColumn(ReadOnlySpan<int> values)
    {
        var data = new long[values.Length];
        for (int i = 0; i < values.Length; i++) data[i] = values[i];
        return PerAtomArray.Integer(data);
    }
}
