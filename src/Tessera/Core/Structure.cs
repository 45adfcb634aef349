namespace Tessera.Core;

/// <summary>One molecular or periodic configuration. Positions in Angstrom; the cell's rows are the
/// lattice vectors. Atom order is preserved by everything that transforms a structure.</summary>
public sealed class Structure
{
    /// <summary>Atomic numbers, one per atom (the single species convention used everywhere).</summary>
    public int[] Numbers { get; }
    /// <summary>Cartesian positions in Angstrom.</summary>
    public Vec3[] Positions { get; }
    /// <summary>Lattice vectors as rows (Angstrom), or null for an open (molecular) system.</summary>
    public Mat3? Cell { get; set; }
    /// <summary>Periodicity along each lattice vector.</summary>
    public bool[] Pbc { get; set; }
    /// <summary>Total charge in elementary charges.</summary>
    public int Charge { get; set; }
    /// <summary>Spin multiplicity 2S+1.</summary>
    public int Multiplicity { get; set; }
    /// <summary>Per-frame key/value data (energy, comments, ...): double, long, bool, string or arrays of these.</summary>
    public Dictionary<string, object> Info { get; }
    /// <summary>Optional per-atom arrays (forces, charges, tags, ...), keyed by name.</summary>
    public Dictionary<string, PerAtomArray> Arrays { get; }

    public Structure(int[] numbers, Vec3[] positions, Mat3? cell = null, bool[]? pbc = null,
                     int charge = 0, int multiplicity = 1)
    {
        if (numbers.Length != positions.Length)
            throw new ArgumentException($"{numbers.Length} atomic numbers but {positions.Length} positions.");
        if (pbc is { Length: not 3 }) throw new ArgumentException("pbc must have three flags.");
        if (multiplicity < 1) throw new ArgumentException($"Multiplicity must be at least 1, got {multiplicity}.");
        Numbers = numbers;
        Positions = positions;
        Cell = cell;
        Pbc = pbc ?? [false, false, false];
        if (Pbc.Any(p => p) && cell is null) throw new ArgumentException("A periodic structure needs a cell.");
        Charge = charge;
        Multiplicity = multiplicity;
        Info = new Dictionary<string, object>(StringComparer.Ordinal);
        Arrays = new Dictionary<string, PerAtomArray>(StringComparer.Ordinal);
    }

    public int Count => Numbers.Length;
    public bool IsPeriodic => Pbc[0] || Pbc[1] || Pbc[2];

    public IEnumerable<string> Symbols => Numbers.Select(z => Element.FromNumber(z).Symbol);

    /// <summary>Chemical formula in Hill order (C, H, then alphabetical), e.g. "H13O6".</summary>
    public string Formula => Element.HillFormula(Numbers);

    public double TotalMass => Numbers.Sum(z => Element.FromNumber(z).Mass);

    /// <summary>Deep copy: arrays, info and per-atom arrays are copied.</summary>
    public Structure Clone()
    {
        var s = new Structure((int[])Numbers.Clone(), (Vec3[])Positions.Clone(), Cell, (bool[])Pbc.Clone(), Charge, Multiplicity);
        foreach (var (k, v) in Info) s.Info[k] = v is Array a ? a.Clone() : v;
        foreach (var (k, v) in Arrays) s.Arrays[k] = v.Clone();
        return s;
    }

    /// <summary>A copy with new positions (info and per-atom arrays dropped: they describe the old geometry).</summary>
    public Structure WithPositions(Vec3[] positions) =>
        new((int[])Numbers.Clone(), positions, Cell, (bool[])Pbc.Clone(), Charge, Multiplicity);

    /// <summary>The atoms at the given indices, in that order, as a new open or periodic structure.</summary>
    public Structure Subset(IReadOnlyList<int> indices, int charge, int multiplicity)
    {
        var z = new int[indices.Count];
        var r = new Vec3[indices.Count];
        for (int i = 0; i < indices.Count; i++) { z[i] = Numbers[indices[i]]; r[i] = Positions[indices[i]]; }
        return new Structure(z, r, Cell, (bool[])Pbc.Clone(), charge, multiplicity);
    }

    /// <summary>Energy stored in <see cref="Info"/> under any of the usual keys (ASE, MACE), or null.</summary>
    public double? Energy
    {
        get
        {
            foreach (var key in EnergyKeys)
                if (Info.TryGetValue(key, out var v) && v is double d) return d;
            return null;
        }
    }

    /// <summary>Keys under which files commonly store the total energy, in order of preference.</summary>
    public static readonly string[] EnergyKeys = ["energy", "REF_energy", "free_energy", "Energy", "dft_energy", "total_energy"];
    /// <summary>Keys under which files commonly store forces, in order of preference.</summary>
    public static readonly string[] ForceKeys = ["forces", "REF_forces", "force", "dft_forces"];

    /// <summary>Forces stored in <see cref="Arrays"/> under any of the usual keys, or null.</summary>
    public Vec3[]? Forces
    {
        get
        {
            foreach (var key in ForceKeys)
                if (Arrays.TryGetValue(key, out var a) && a.Kind == PerAtomKind.Real && a.Columns == 3)
                    return a.AsVectors();
            return null;
        }
    }
}
