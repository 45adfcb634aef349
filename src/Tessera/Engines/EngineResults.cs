using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Engines;

/// <summary>Shared conversions between engine outputs (Hartree, Hartree/Bohr) and Tessera's units.</summary>
public static class EngineResults
{
    /// <summary>Builds a result in eV and eV/A from an energy in Hartree and an optional gradient in Hartree/Bohr.
    /// For a molecule the virial follows from the forces: W = sum_i r_i (x) F_i.</summary>
    public static PotentialResult FromAtomicUnits(Structure s, double energyHartree, double[,]? gradientHartreePerBohr, Needs needs)
    {
        Vec3[]? forces = null;
        if (gradientHartreePerBohr is { } g)
        {
            if (g.GetLength(0) != s.Count)
                throw new InvalidOperationException($"Gradient has {g.GetLength(0)} rows for {s.Count} atoms.");
            forces = new Vec3[s.Count];
            for (int i = 0; i < s.Count; i++)
                forces[i] = -Units.HartreePerBohr * new Vec3(g[i, 0], g[i, 1], g[i, 2]);
        }
        return WithDerived(new PotentialResult(energyHartree * Units.Hartree, forces), s, needs);
    }

    /// <summary>Adds the virial when asked (from forces) and drops forces that were not asked for.</summary>
    public static PotentialResult WithDerived(PotentialResult r, Structure s, Needs needs)
    {
        if (needs.HasFlag(Needs.AtomEnergies))
            throw new NotSupportedException("Quantum engines do not give per-atom energies.");
        Mat3? virial = null;
        if (needs.HasFlag(Needs.Virial))
        {
            var f = r.RequireForces();
            var w = Mat3.Zero;
            for (int i = 0; i < s.Count; i++) w += Mat3.Outer(s.Positions[i], f[i]);
            virial = w;
        }
        return new PotentialResult(r.Energy, needs.HasFlag(Needs.Forces) || needs.HasFlag(Needs.Virial) ? r.Forces : null, virial);
    }

    /// <summary>Forces are needed for forces and for the virial.</summary>
    public static bool WantsGradient(Needs needs) => needs.HasFlag(Needs.Forces) || needs.HasFlag(Needs.Virial);

    /// <summary>Number of electrons, and whether the multiplicity is possible for it.</summary>
    public static void CheckSpin(string program, Structure s)
    {
        int electrons = s.Numbers.Sum() - s.Charge;
        if (electrons < 0)
            throw new EngineException(program, EngineFailure.InvalidInput, $"charge {s.Charge} leaves {electrons} electrons; {ChargeHint.Text}");
        int unpaired = s.Multiplicity - 1;
        if (unpaired > electrons || (electrons - unpaired) % 2 != 0)
            throw new EngineException(program, EngineFailure.InvalidInput,
                $"multiplicity {s.Multiplicity} is impossible with {electrons} electrons (charge {s.Charge}); {ChargeHint.Text}");
    }

    public static void RequireMolecule(string program, Structure s)
    {
        if (s.IsPeriodic) throw new EngineException(program, EngineFailure.InvalidInput, "periodic structures are not supported by this engine interface");
        if (s.Count == 0) throw new EngineException(program, EngineFailure.InvalidInput, "the structure has no atoms");
    }
}
