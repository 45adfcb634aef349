using Tessera.Core;
using Tessera.IO;

namespace Tessera.Fragments;

/// <summary>A <see cref="Fragment"/> to and from a file frame, through <see cref="FragmentSchema"/>: the only place a
/// fragment's typed values turn into keys and back.</summary>
public static class FragmentFrames
{
    /// <summary>A copy of the fragment's structure carrying its type key, rank, unit column and atom map, ready to write.</summary>
    public static Structure ToFrame(Fragment f)
    {
        var s = f.Structure.Clone();
        FragmentSchema.WriteIdentity(s, f.TypeKey, f.Rank);
        FragmentSchema.WriteUnits(s, f.Units);
        if (f.AtomMap is { } map) FragmentSchema.WriteAtomMap(s, map);
        return s;
    }

    /// <summary>The fragment a frame stores (the frame itself as its structure); the rank from the type key when the frame
    /// has no rank. <paramref name="where"/> names the frame and <paramref name="kind"/> what it should be, in errors.</summary>
    public static Fragment FromFrame(Structure s, Func<string> where, string kind = "fragment")
    {
        var type = FragmentSchema.Type(s)
            ?? throw new ArgumentException($"{where()} has no '{FragmentSchema.TypeKey}': not a {kind}.");
        int rank = FragmentSchema.Rank(s) ?? RankFromType(type);
        var units = FragmentSchema.Units(s)
            ?? throw new ArgumentException($"{where()} has no per-atom integer column '{FragmentSchema.UnitArray}'.");
        return new Fragment(s, type, rank, units, FragmentSchema.AtomMap(s));
    }

    /// <summary>"r2:..." gives 2.</summary>
    public static int RankFromType(string type) =>
        type.Length > 1 && type[0] == 'r' && int.TryParse(type.AsSpan(1, Math.Max(0, type.IndexOf(':') - 1)), out int r) ? r
            : throw new ArgumentException($"Fragment type '{type}' does not start with r<rank>:.");
}
