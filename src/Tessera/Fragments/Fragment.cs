using Tessera.Core;

namespace Tessera.Fragments;

/// <summary>One simplex as a molecule: its units' atoms (units in ascending order, each unit's atoms
/// ascending), the summed charge, multiplicity 1 + sum (m_u - 1) (high-spin coupling of open-shell
/// units), always an open structure (periodic images made whole).</summary>
/// <param name="Index">Index of the simplex in the complex.</param>
/// <param name="AtomMap">AtomMap[k] = index in the full structure of the fragment's atom k.</param>
/// <param name="TypeKey">"r{rank}:" and the sorted unit type keys, e.g. "r1:H2O,H3O+".</param>
public sealed record Fragment(int Index, Simplex Simplex, Structure Structure, int[] AtomMap, string TypeKey)
{
    /// <summary>Info key of the type key and per-atom column of the unit index (0..rank) that every fragment
    /// structure carries, so that a potential over fragment structures (a learned correction) can read them;
    /// the same names as the fragment pool and data set files.</summary>
    public const string TypeInfoKey = "fragment_type", RankInfoKey = "rank", UnitArray = "unit";

    public int Rank => Simplex.Rank;
    public double Coefficient => Simplex.Coefficient;

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
