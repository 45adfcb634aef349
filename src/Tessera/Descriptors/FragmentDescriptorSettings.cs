namespace Tessera.Descriptors;

/// <summary>Radial grids of the fragment descriptor (Angstrom): Gaussians of width Sigma centred every
/// Spacing from Start to End, one grid for pairs inside a unit (bonds, intramolecular H-H) and one for
/// pairs between units (hydrogen bonds, contacts).</summary>
public sealed record RadialGrid(double Start, double End, double Spacing, double Sigma)
{
    public int Count => (int)Math.Floor((End - Start) / Spacing + 1e-9) + 1;
    public double Centre(int k) => Start + k * Spacing;

    /// <summary>Writes g_k(r) = exp(-(r - mu_k)^2 / (2 sigma^2)) and dg_k/dr for every centre mu_k (spans of length
    /// <see cref="Count"/>). Evenly spaced centres make neighbouring Gaussians a geometric recurrence,
    /// g_(k+1) = g_k q_k with q_(k+1) = q_k exp(-h^2 / sigma^2), so two exponentials serve the whole grid; walking outwards
    /// from the centre nearest r keeps every step a decrease, so nothing overflows and an underflow is a true zero.</summary>
    public void Gaussians(double r, Span<double> value, Span<double> slope)
    {
        int n = Count;
        double inv2 = 1 / (Sigma * Sigma), h = Spacing;
        int k0 = Math.Clamp((int)Math.Round((r - Start) / h), 0, n - 1);
        double u = r - Centre(k0);
        double g0 = Math.Exp(-0.5 * u * u * inv2), c = Math.Exp(-h * h * inv2);
        double up = Math.Exp(h * u * inv2 - 0.5 * h * h * inv2); // g_(k0+1) / g_k0
        double down = k0 > 0 ? c / up : 0;                        // g_(k0-1) / g_k0
        value[k0] = g0;
        double g = g0;
        for (int k = k0 + 1; k < n; k++) { g *= up; up *= c; value[k] = g; }
        g = g0;
        for (int k = k0 - 1; k >= 0; k--) { g *= down; down *= c; value[k] = g; }
        for (int k = 0; k < n; k++) slope[k] = -(r - Centre(k)) * inv2 * value[k];
    }

    public RadialGrid Validate(string name)
    {
        if (!(Start >= 0 && End > Start && Spacing > 0 && Sigma > 0))
            throw new ArgumentException($"{name} radial grid needs 0 <= start < end and positive spacing and sigma; got {this}.");
        return this;
    }
}

/// <summary>Three-body terms: Gaussians of the two arms of every angle j-i-k (both arms from the same centre atom i)
/// times powers 0..CosinePowers-1 of its cosine; over angles inside one unit only, or (AcrossUnits) over all angles,
/// which sees which hydrogen a shared proton or a hydrogen bond points along.</summary>
public sealed record AngularBasis(RadialGrid Arms, int CosinePowers, bool AcrossUnits = false)
{
    public AngularBasis Validate()
    {
        Arms.Validate("Angular arm");
        if (CosinePowers < 1) throw new ArgumentException($"The angular basis needs at least one cosine power; got {CosinePowers}.");
        return this;
    }
}

/// <summary>Settings of the fragment descriptor. <see cref="Angular"/> is optional (null: pair distances only), and
/// <see cref="UnitSpecies"/> (pair blocks per element within each unit kind, <see cref="DescriptorSpecies"/>) is off
/// unless set, so files written before either existed read as they were.</summary>
public sealed record FragmentDescriptorSettings(RadialGrid Intra, RadialGrid Inter, AngularBasis? Angular = null, bool UnitSpecies = false)
{
    /// <summary>Pair-distance distributions only: intramolecular distances resolved to 0.1 A, intermolecular
    /// contacts from 1.2 to 9 A. The space the tessellation (k-means selection) works in.</summary>
    public static FragmentDescriptorSettings PairDistances { get; } = new(
        new RadialGrid(0.75, 2.05, 0.1, 0.08),
        new RadialGrid(1.2, 9.0, 0.3, 0.3));

    /// <summary>The networks' default: pair distances per unit species plus angles with arms from bond lengths to
    /// hydrogen bonds (0.85 to 1.95 A), inside and across units. Sums of pair terms alone do not say which bonds share
    /// an angle: on the W6 data, kernel fits of H3O+ corrections went from 0.41 to 0.04 kcal/mol with angles, and of
    /// H2O.H3O+ pairs from 0.52 to 0.30 with angles across units; nor which oxygen is the ion's: kernel fits of the
    /// (H2O)2.H3O+ 3-body increments went from 0.52 to 0.19 with unit species (scripts/analysis/descriptor_kernel_fits.py,
    /// on the data set of commit 435f5f4).</summary>
    public static FragmentDescriptorSettings Default { get; } = PairDistances with
    {
        Angular = new AngularBasis(new RadialGrid(0.85, 1.95, 0.22, 0.15), 3, AcrossUnits: true),
        UnitSpecies = true,
    };

    public FragmentDescriptorSettings Validate()
    {
        Intra.Validate("Intra-unit");
        Inter.Validate("Inter-unit");
        Angular?.Validate();
        return this;
    }
}
