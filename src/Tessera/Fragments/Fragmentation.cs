using Tessera.Core;

namespace Tessera.Fragments;

/// <summary>A structure's units, graph and simplicial complex under given settings, and the
/// fragments (sub-structures) of its simplices.</summary>
public sealed class Fragmentation
{
    private readonly Vec3[][] _wholeUnits;
    private readonly MinimumImage _image;
    private readonly int[] _unitKind;                 // index of each unit's type key among the sorted distinct keys
    private readonly Dictionary<ulong, string> _typeKeys = new(); // sorted unit kinds, packed -> type key

    public Structure Structure { get; }
    public FragmentSettings Settings { get; }
    public IReadOnlyList<MolecularUnit> Units { get; }
    public FragmentGraph Graph { get; }
    public SimplicialComplex Complex { get; }

    private Fragmentation(Structure s, FragmentSettings settings, MolecularUnit[] units, CancellationToken ct)
    {
        Structure = s;
        Settings = settings;
        Units = units;
        Graph = FragmentGraph.Build(s, units, settings.SwitchingFunction);
        Complex = SimplicialComplex.Build(Graph, settings.Rank, ct);
        _image = new MinimumImage(s);
        _wholeUnits = units.Select(u => WholeUnit(s, _image, u)).ToArray();
        var kinds = units.Select(u => u.TypeKey).Distinct().Order(StringComparer.Ordinal).ToList();
        _unitKind = units.Select(u => kinds.IndexOf(u.TypeKey)).ToArray();
    }

    /// <summary>Finds the units (settings' charges and multiplicities) and builds graph and complex.</summary>
    public static Fragmentation Create(Structure s, FragmentSettings settings, CancellationToken ct = default) =>
        Create(s, settings, UnitFinder.Group(s, settings.BondTolerance), ct);

    /// <summary>As <see cref="Create(Structure, FragmentSettings, CancellationToken)"/> with given atom groups.</summary>
    public static Fragmentation Create(Structure s, FragmentSettings settings, int[][] groups, CancellationToken ct = default)
    {
        settings.Validated();
        var units = UnitFinder.Finish(s, groups, settings.UnitCharges, settings.UnitMultiplicities);
        return new Fragmentation(s, settings, units, ct);
    }

    /// <summary>The fragment of simplex <paramref name="simplexIndex"/>, its atoms in unit order.</summary>
    public Fragment BuildFragment(int simplexIndex)
    {
        var simplex = Complex.Simplices[simplexIndex];
        int count = 0, charge = 0, mult = 1;
        foreach (int u in simplex.Units)
        {
            count += Units[u].Atoms.Length;
            charge += Units[u].Charge;
            mult += Units[u].Multiplicity - 1;
        }
        var map = new int[count];
        var z = new int[count];
        var r = new Vec3[count];
        var unitOfAtom = new int[count];
        var origin = _wholeUnits[simplex.Units[0]][0];
        int k = 0;
        for (int u = 0; u < simplex.Units.Length; u++)
        {
            var unit = Units[simplex.Units[u]];
            var whole = _wholeUnits[simplex.Units[u]];
            // Shift each unit's whole image next to the first unit (a lattice translation: forces unchanged).
            var shift = Structure.IsPeriodic ? origin + _image.Wrap(whole[0] - origin) - whole[0] : Vec3.Zero;
            for (int a = 0; a < whole.Length; a++, k++)
            {
                map[k] = unit.Atoms[a];
                z[k] = Structure.Numbers[unit.Atoms[a]];
                unitOfAtom[k] = u;
                r[k] = whole[a] + shift;
            }
        }
        var fragment = new Structure(z, r, charge: charge, multiplicity: mult);
        return new Fragment(fragment, TypeKey(simplex), simplex.Rank, unitOfAtom, map);
    }

    /// <summary>The simplex's type key, made once per combination of unit kinds (every fragment of a step needs one, and
    /// the key is a sorted join of strings).</summary>
    private string TypeKey(Simplex simplex)
    {
        string Make() => Fragment.MakeTypeKey(simplex.Units.Select(u => Units[u]), simplex.Rank);
        if (simplex.Units.Length > 9) return Make(); // beyond 63 bits of packed kinds
        Span<int> kinds = stackalloc int[simplex.Units.Length];
        for (int u = 0; u < kinds.Length; u++) kinds[u] = _unitKind[simplex.Units[u]];
        kinds.Sort();
        ulong key = 0;
        foreach (int kind in kinds)
        {
            if (kind >= 127) return Make();
            key = key << 7 | (uint)(kind + 1);
        }
        lock (_typeKeys)
        {
            if (!_typeKeys.TryGetValue(key, out var type)) _typeKeys[key] = type = Make();
            return type;
        }
    }

    /// <summary>Every simplex's fragment, in simplex order.</summary>
    public IEnumerable<Fragment> Fragments() => Enumerable.Range(0, Complex.Simplices.Count).Select(BuildFragment);

    /// <summary>The unit's positions with every atom at its minimum image from the unit's first atom.</summary>
    private static Vec3[] WholeUnit(Structure s, MinimumImage image, MolecularUnit u)
    {
        if (!s.IsPeriodic) return u.Atoms.Select(i => s.Positions[i]).ToArray();
        var first = s.Positions[u.Atoms[0]];
        return u.Atoms.Select(i => first + image.Delta(u.Atoms[0], i)).ToArray();
    }
}
