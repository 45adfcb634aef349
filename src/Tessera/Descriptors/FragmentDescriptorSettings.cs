namespace Tessera.Descriptors;

/// <summary>Radial grids of the fragment descriptor (Angstrom): Gaussians of width Sigma centred every
/// Spacing from Start to End, one grid for pairs inside a unit (bonds, intramolecular H-H) and one for
/// pairs between units (hydrogen bonds, contacts).</summary>
public sealed record RadialGrid(double Start, double End, double Spacing, double Sigma)
{
    public int Count => (int)Math.Floor((End - Start) / Spacing + 1e-9) + 1;
    public double Centre(int k) => Start + k * Spacing;

    public RadialGrid Validate(string name)
    {
        if (!(Start >= 0 && End > Start && Spacing > 0 && Sigma > 0))
            throw new ArgumentException($"{name} radial grid needs 0 <= start < end and positive spacing and sigma; got {this}.");
        return this;
    }
}

/// <summary>Three-body terms inside a unit: Gaussians of the two arms of every angle j-i-k (both arms from the
/// same centre atom i) times powers 0..CosinePowers-1 of its cosine.</summary>
public sealed record AngularBasis(RadialGrid Arms, int CosinePowers)
{
    public AngularBasis Validate()
    {
        Arms.Validate("Angular arm");
        if (CosinePowers < 1) throw new ArgumentException($"The angular basis needs at least one cosine power; got {CosinePowers}.");
        return this;
    }
}

/// <summary>Settings of the fragment descriptor. <see cref="Angular"/> is optional (null: pair distances only),
/// so files written before it existed read as they were.</summary>
public sealed record FragmentDescriptorSettings(RadialGrid Intra, RadialGrid Inter, AngularBasis? Angular = null)
{
    /// <summary>Pair-distance distributions only: intramolecular distances resolved to 0.1 A, intermolecular
    /// contacts from 1.2 to 9 A. The space the tessellation (k-means selection) works in.</summary>
    public static FragmentDescriptorSettings PairDistances { get; } = new(
        new RadialGrid(0.75, 2.05, 0.1, 0.08),
        new RadialGrid(1.2, 9.0, 0.3, 0.3));

    /// <summary>The networks' default: pair distances plus intra-unit angles with bond-length arms (0.85 to 1.3 A).
    /// Sums of pair terms alone do not say which bonds share an angle; for H3O+ that left a fit error of
    /// 0.4 kcal/mol that the angular terms remove.</summary>
    public static FragmentDescriptorSettings Default { get; } = PairDistances with
    {
        Angular = new AngularBasis(new RadialGrid(0.85, 1.30, 0.15, 0.12), 3),
    };

    public FragmentDescriptorSettings Validate()
    {
        Intra.Validate("Intra-unit");
        Inter.Validate("Inter-unit");
        Angular?.Validate();
        return this;
    }
}
