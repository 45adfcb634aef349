using Tessera.Core;

namespace Tessera.Fragments;

/// <summary>One covalently bonded unit (a node of the fragment graph).</summary>
/// <param name="Atoms">Indices into the full structure, ascending.</param>
/// <param name="Anchors">The atoms whose distances define the unit's edges: its heavy atoms
/// (all its atoms when it has none), ascending.</param>
/// <param name="Charge">Charge in elementary charges.</param>
/// <param name="Multiplicity">Spin multiplicity 2S+1.</param>
/// <param name="Formula">Hill formula, e.g. "H3O".</param>
public sealed record MolecularUnit(int[] Atoms, int[] Anchors, int Charge, int Multiplicity, string Formula)
{
    /// <summary>Type key: formula and charge, e.g. "H2O", "H3O+", "SO4-2". Fragment models are looked up by it.</summary>
    public string TypeKey => Formula + ChargeSuffix(Charge);

    internal static string ChargeSuffix(int q) => q switch
    {
        0 => "",
        1 => "+",
        -1 => "-",
        > 0 => "+" + q,
        _ => q.ToString(),
    };

    internal static int Electrons(Structure s, IEnumerable<int> atoms, int charge) =>
        atoms.Sum(i => s.Numbers[i]) - charge;
}
