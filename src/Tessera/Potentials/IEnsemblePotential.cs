using Tessera.Core;

namespace Tessera.Potentials;

/// <summary>A potential whose result is the mean of an ensemble of members (networks trained with different seeds),
/// which can also give the members' spread (<see cref="Tessera.Networks.EnsembleSpread"/>) as an uncertainty.</summary>
public interface IEnsemblePotential : IPotential
{
    /// <summary>The number of members; with one there is no spread.</summary>
    int EnsembleSize { get; }

    /// <summary>The mean result (as <see cref="IPotential.Compute"/>) with the spread of the energy (eV) and, where the
    /// members give forces one by one, of each atom's force vector (eV/A; null otherwise).</summary>
    EnsembleResult ComputeWithSpread(Structure structure, Needs needs = Needs.Forces);
}

/// <summary>An ensemble's mean result and its spread: of the energy (eV) and of each atom's force (eV/A, or null).</summary>
public sealed record EnsembleResult(PotentialResult Mean, double EnergySpread, double[]? ForceSpread);

public static class EnsembleEvaluation
{
    /// <summary>Whether <paramref name="potential"/> is an ensemble of more than one member (one with a spread).</summary>
    public static bool HasSpread(this IPotential potential) => potential is IEnsemblePotential { EnsembleSize: > 1 };

    /// <summary>An ensemble's mean with its spread; any other potential's result with zero spread.</summary>
    public static EnsembleResult ComputeWithAnySpread(this IPotential potential, Structure structure, Needs needs = Needs.Forces) =>
        potential is IEnsemblePotential { EnsembleSize: > 1 } e ? e.ComputeWithSpread(structure, needs) : new EnsembleResult(potential.Compute(structure, needs), 0, null);
}
