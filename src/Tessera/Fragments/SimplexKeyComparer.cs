namespace Tessera.Fragments;

/// <summary>Structural equality of ascending index lists (a simplex's units, a unit's atoms), with an allocation-free span
/// lookup.</summary>
internal sealed class SimplexKeyComparer : IEqualityComparer<int[]>, IAlternateEqualityComparer<ReadOnlySpan<int>, int[]>
{
    public static readonly SimplexKeyComparer Instance = new();

    public bool Equals(int[]? x, int[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);
    public int GetHashCode(int[] obj) => Hash(obj);
    public bool Equals(ReadOnlySpan<int> alternate, int[] other) => alternate.SequenceEqual(other);
    public int GetHashCode(ReadOnlySpan<int> alternate) => Hash(alternate);
    public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<int> units)
    {
        var h = new HashCode();
        foreach (int u in units) h.Add(u);
        return h.ToHashCode();
    }
}
