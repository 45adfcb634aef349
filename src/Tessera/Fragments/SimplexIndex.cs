namespace Tessera.Fragments;

/// <summary>Index of each simplex by its (ascending) units. Where every unit set fits in 64 bits (units numbered below
/// 2^b, at most 64 / b units: W21 at rank 8 needs 45 bits) the key is the packed units and a lookup hashes one integer;
/// larger complexes fall back to array keys. Lookups by every face of every simplex (coefficients, increments) made the
/// hashing of unit lists a third of a W21 rank-3 fragmentation.</summary>
internal sealed class SimplexIndex
{
    private readonly int _bits;                       // bits per unit in a packed key; 0: array keys
    private readonly Dictionary<ulong, int>? _packed;
    private readonly Dictionary<int[], int>? _arrays;

    public SimplexIndex(int units, int maxRank, IEnumerable<int[]> simplices)
    {
        int bits = 1;
        while ((1L << bits) <= units) bits++;          // codes 1..units: 0 marks an absent slot
        if (bits * (maxRank + 1) <= 64)
        {
            _bits = bits;
            _packed = new Dictionary<ulong, int>();
            foreach (var s in simplices) _packed.Add(Pack(s), _packed.Count);
        }
        else
        {
            _arrays = new Dictionary<int[], int>(SimplexKeyComparer.Instance);
            foreach (var s in simplices) _arrays.Add(s, _arrays.Count);
        }
    }

    /// <summary>Position of the simplex with these units in the order given, or -1.</summary>
    public int IndexOf(ReadOnlySpan<int> units)
    {
        if (_packed is null) return _arrays!.GetAlternateLookup<ReadOnlySpan<int>>().TryGetValue(units, out int j) ? j : -1;
        if (units.Length * _bits > 64) return -1;
        foreach (int u in units) if (u < 0 || u + 1 >= 1L << _bits) return -1;
        return _packed.TryGetValue(Pack(units), out int i) ? i : -1;
    }

    private ulong Pack(ReadOnlySpan<int> units)
    {
        ulong key = 0;
        foreach (int u in units) key = key << _bits | (uint)(u + 1);
        return key;
    }
}
