using Tessera.Core;

namespace Tessera.Fragments;

/// <summary>A fragment as a typed value: its structure (an open molecule: periodic images made whole; units in
/// ascending order, each unit's atoms ascending), type key, rank, the unit of each atom and where its atoms sit in the
/// full structure. Charge and multiplicity are the structure's: the summed unit charges and 1 + sum (m_u - 1)
/// (high-spin coupling of open-shell units). Built by <see cref="Fragmentation.BuildFragment"/> or read from a
/// fragment frame (<see cref="FragmentFrames"/>); files store it through <see cref="IO.FragmentSchema"/>.</summary>
/// <param name="TypeKey">"r{rank}:" and the sorted unit type keys, e.g. "r1:H2O,H3O+".</param>
/// <param name="Units">Units[k] = unit (0..Rank) of the fragment's atom k.</param>
/// <param name="AtomMap">AtomMap[k] = index in the full (source) structure of atom k; null for a fragment read from a
/// frame that stores none (a fragment from a fragmentation always has one).</param>
public sealed record Fragment(Structure Structure, string TypeKey, int Rank, int[] Units, int[]? AtomMap)
{
    public int Charge => Structure.Charge;
    public int Multiplicity => Structure.Multiplicity;

    public static string MakeTypeKey(IEnumerable<MolecularUnit> units, int rank) =>
        $"r{rank}:" + string.Join(",", units.Select(u => u.TypeKey).Order(StringComparer.Ordinal));

    /// <summary>The charge-free formulas of a type key's units, in key order ("r1:H2O,H3O+" gives H2O, H3O): the unit
    /// kinds a descriptor with unit species tells apart.</summary>
    public static string[] UnitFormulas(string typeKey)
    {
        int colon = typeKey.IndexOf(':');
        if (colon < 0 || colon + 1 >= typeKey.Length)
            throw new ArgumentException($"'{typeKey}' is not a fragment type key such as r1:H2O,H3O+.");
        // A unit key is its formula and a charge suffix that starts with its sign (MolecularUnit.ChargeSuffix).
        return typeKey[(colon + 1)..].Split(',').Select(u => u.IndexOfAny(['+', '-']) is var sign and >= 0 ? u[..sign] : u).ToArray();
    }
}
