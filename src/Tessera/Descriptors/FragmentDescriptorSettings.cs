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

public sealed record FragmentDescriptorSettings(RadialGrid Intra, RadialGrid Inter)
{
    /// <summary>Defaults for water-like fragments: intramolecular bonds and angles resolved to 0.1 A,
    /// intermolecular contacts from 1.2 to 9 A.</summary>
    public static FragmentDescriptorSettings Default { get; } = new(
        new RadialGrid(0.75, 2.05, 0.1, 0.08),
        new RadialGrid(1.2, 9.0, 0.3, 0.3));

    public FragmentDescriptorSettings Validate()
    {
        Intra.Validate("Intra-unit");
        Inter.Validate("Inter-unit");
        return this;
    }
}
