using Tessera.Core;

namespace Tessera.Data;

/// <summary>One member of a fragment pool: a fragment structure (open, with its charge and multiplicity),
/// its type key (composition and rank, from the fragmentation), where it came from, and per atom the
/// index in the source frame and the index of its unit within the fragment (0..rank).</summary>
/// <param name="Id">Unique in the pool; the key that selections and labels refer to.</param>
/// <param name="Type">Fragment type key, e.g. "r1:H2O,H3O+".</param>
/// <param name="SourceFrame">0-based index of the frame in the sampled trajectory.</param>
/// <param name="AtomMap">AtomMap[k] = index in the source frame of fragment atom k.</param>
/// <param name="Units">Units[k] = unit (0..rank) of fragment atom k.</param>
public sealed record PoolFragment(long Id, string Type, int Rank, long SourceFrame, int[] AtomMap, int[] Units, Structure Structure)
{
    /// <summary>Checks the per-atom arrays against the structure; returns this.</summary>
    public PoolFragment Validated()
    {
        if (string.IsNullOrWhiteSpace(Type)) throw new ArgumentException($"Fragment {Id} has no type.");
        if (Rank < 0) throw new ArgumentException($"Fragment {Id} has negative rank {Rank}.");
        if (AtomMap.Length != Structure.Count || Units.Length != Structure.Count)
            throw new ArgumentException($"Fragment {Id}: atom map ({AtomMap.Length}) and units ({Units.Length}) must have one entry per atom ({Structure.Count}).");
        if (Units.Any(u => u < 0 || u > Rank))
            throw new ArgumentException($"Fragment {Id}: unit indices must lie in 0..{Rank}.");
        return this;
    }
}
