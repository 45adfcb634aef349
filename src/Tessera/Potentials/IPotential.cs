using Tessera.Core;

namespace Tessera.Potentials;

/// <summary>What a caller asks a potential to compute. Energy is always computed.</summary>
[Flags]
public enum Needs
{
    Energy = 0,
    Forces = 1,
    Virial = 2,
    AtomEnergies = 4,
    All = Forces | Virial | AtomEnergies,
}

/// <summary>Anything that gives an energy for a structure: quantum engines, networks, fragment
/// assemblies, physics terms and sums of these. Forces are the exact negative gradient of the
/// returned energy. Implementations are safe to call from several threads at once.</summary>
public interface IPotential
{
    /// <summary>A short description, e.g. "xtb:gfn2" or "psi4:mp2/cc-pvdz".</summary>
    string Name { get; }

    /// <summary>Whether <see cref="Needs.AtomEnergies"/> can be asked for (a sum of atomic energies, such as a
    /// Behler-Parrinello network); others throw when asked.</summary>
    bool GivesAtomEnergies => false;

    PotentialResult Compute(Structure structure, Needs needs = Needs.Forces);
}

/// <summary>Energy (eV), forces (eV/Angstrom), virial (eV, W = -sum_i r_i (x) dE/dr_i, symmetric for
/// invariant potentials) and per-atom energies (eV). Members not asked for may be null.</summary>
public sealed record PotentialResult(double Energy, Vec3[]? Forces = null, Mat3? Virial = null, double[]? AtomEnergies = null)
{
    public Vec3[] RequireForces() => Forces ?? throw new InvalidOperationException("The potential did not return forces.");

    /// <summary>Energy and every force returned are finite numbers (a check that allocates nothing, for hot loops).</summary>
    public bool AllFinite => double.IsFinite(Energy) && FirstNonFiniteForce() < 0;

    /// <summary>The first atom whose force has a NaN or infinite component, or -1.</summary>
    private int FirstNonFiniteForce()
    {
        if (Forces is { } f)
            for (int i = 0; i < f.Length; i++)
                if (!f[i].IsFinite) return i;
        return -1;
    }

    /// <summary>This result when its energy and every force (those returned) are finite numbers.</summary>
    /// <param name="potential">The potential's name, for the message.</param>
    /// <param name="where">What was computed, e.g. "MD step 120" or "frame 3 of in.extxyz".</param>
    /// <exception cref="NonFiniteResultException">A NaN or infinite value.</exception>
    public PotentialResult RequireFinite(string potential, string where)
    {
        if (AllFinite) return this;
        if (!double.IsFinite(Energy))
            throw new NonFiniteResultException($"{potential} gave a non-finite energy ({Energy}) at {where}; the structure is probably far outside " +
                                               "what the model knows (atoms too close, a blown-up geometry). Nothing was written for it.");
        throw new NonFiniteResultException($"{potential} gave a non-finite force on atom {FirstNonFiniteForce()} at {where}; the structure is probably " +
                                           "far outside what the model knows (atoms too close, a blown-up geometry). Nothing was written for it.");
    }

    /// <summary>Stress in eV/A^3 (ASE sign convention: -virial / volume).</summary>
    public Mat3? Stress(Structure s) =>
        Virial is { } w && s.Cell is { } c ? (-1.0 / Math.Abs(c.Determinant)) * w : null;
}
