using Tessera.Fragments;

namespace Tessera.FragmentNetworks;

/// <summary>The fragmentation as the model file stores it (format version 2): every field of
/// <see cref="FragmentSettings"/> by name, all required, except <see cref="FragmentSettings.MaxParallelism"/>, which is
/// how many cores the machine that loads the model uses (the loader's default), not part of the model.</summary>
internal sealed record FragmentationDocument(
    int Rank, double Cutoff, double SwitchOn, SwitchKind Switch, double BondTolerance, int[]? UnitCharges, int[]? UnitMultiplicities,
    ReassignmentPolicy Reassignment, bool SkipZeroCoefficients, double BlendWidth)
{
    public static FragmentationDocument From(FragmentSettings s) => new(
        s.Rank, s.Cutoff, s.SwitchOn, s.Switch, s.BondTolerance, s.UnitCharges, s.UnitMultiplicities, s.Reassignment,
        s.SkipZeroCoefficients, s.BlendWidth);

    /// <summary>Validated settings (<see cref="ArgumentException"/> naming the bad field).</summary>
    public FragmentSettings ToSettings() => FragmentSettings.Create(
        Rank, Cutoff, SwitchOn, Switch, BondTolerance, UnitCharges, UnitMultiplicities, reassignment: Reassignment,
        skipZeroCoefficients: SkipZeroCoefficients, blendWidth: BlendWidth);
}
