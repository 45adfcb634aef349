using Tessera.Core;

namespace Tessera.Fragments;

/// <summary>A structure's units, graph and simplicial complex under given settings, and the
/// fragments (sub-structures) of its simplices.</summary>
public sealed class Fragmentation
{
    private readonly Vec3[][] _wholeUnits;
    private readonly MinimumImage _image;

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
        var map = simplex.Units.SelectMany(u => Units[u].Atoms).ToArray();
        var z = map.Select(i => Structure.Numbers[i]).ToArray();
        var r = new Vec3[map.Length];
        var unitOfAtom = new int[map.Length];
        var origin = _wholeUnits[simplex.Units[0]][0];
        int k = 0;
        for (int u = 0; u < simplex.Units.Length; u++)
        {
            var whole = _wholeUnits[simplex.Units[u]];
            // Shift each unit's whole image next to the first unit (a lattice translation: forces unchanged).
            var shift = Structure.IsPeriodic ? origin + _image.Wrap(whole[0] - origin) - whole[0] : Vec3.Zero;
            foreach (var p in whole)
            {
                unitOfAtom[k] = u;
                r[k++] = p + shift;
            }
        }
        int charge = simplex.Units.Sum(u => Units[u].Charge);
        int mult = 1 + simplex.Units.Sum(u => Units[u].Multiplicity - 1);
        var fragment = new Structure(z, r, charge: charge, multiplicity: mult);
        var type = Fragment.MakeTypeKey(simplex.Units.Select(u => Units[u]), simplex.Rank);
        return new Fragment(fragment, type, simplex.Rank, unitOfAtom, map);
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
