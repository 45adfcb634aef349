using Tessera.Core;

namespace Tessera.Dynamics;

/// <summary>Kinetic energy, temperature and momentum of atoms. Velocities in Angstrom/fs, masses in amu,
/// energies in eV, temperatures in K.</summary>
public static class Kinetics
{
    /// <summary>amu (A/fs)^2 in eV: the factor between 1/2 m v^2 in Tessera's velocity units and eV.</summary>
    public static readonly double AmuA2PerFs2InEv = Units.AseTimeFs * Units.AseTimeFs;

    /// <summary>Standard atomic masses (amu) of the structure's atoms.</summary>
    public static double[] Masses(Structure s)
    {
        var m = new double[s.Count];
        for (int i = 0; i < m.Length; i++) m[i] = Element.FromNumber(s.Numbers[i]).Mass;
        return m;
    }

    /// <summary>Sum of 1/2 m v^2 in eV.</summary>
    public static double KineticEnergy(ReadOnlySpan<double> masses, ReadOnlySpan<Vec3> velocities)
    {
        double sum = 0;
        for (int i = 0; i < masses.Length; i++) sum += masses[i] * velocities[i].LengthSquared;
        return 0.5 * sum * AmuA2PerFs2InEv;
    }

    /// <summary>Temperature (K) of a kinetic energy (eV) shared by the given degrees of freedom.</summary>
    public static double Temperature(double kineticEnergy, int degreesOfFreedom) =>
        degreesOfFreedom > 0 ? 2 * kineticEnergy / (degreesOfFreedom * Units.Boltzmann) : 0;

    /// <summary>Degrees of freedom of N atoms whose total momentum is fixed at zero (3N - 3; 3 for one atom).</summary>
    public static int DegreesOfFreedom(int atoms, bool momentumFixed) =>
        momentumFixed && atoms > 1 ? 3 * atoms - 3 : 3 * atoms;

    /// <summary>Temperature of each element's atoms (3 degrees of freedom per atom), keyed by symbol.
    /// Unequal values in a long run expose equipartition failures.</summary>
    public static Dictionary<string, double> ElementTemperatures(ReadOnlySpan<int> numbers, ReadOnlySpan<double> masses,
                                                                 ReadOnlySpan<Vec3> velocities)
    {
        var ke = new Dictionary<int, (double Sum, int Count)>();
        for (int i = 0; i < numbers.Length; i++)
        {
            ke.TryGetValue(numbers[i], out var acc);
            ke[numbers[i]] = (acc.Sum + 0.5 * masses[i] * velocities[i].LengthSquared * AmuA2PerFs2InEv, acc.Count + 1);
        }
        return ke.OrderBy(kv => kv.Key).ToDictionary(kv => Element.FromNumber(kv.Key).Symbol,
                                                     kv => Temperature(kv.Value.Sum, 3 * kv.Value.Count));
    }

    /// <summary>Total momentum in amu A/fs.</summary>
    public static Vec3 TotalMomentum(ReadOnlySpan<double> masses, ReadOnlySpan<Vec3> velocities)
    {
        var p = Vec3.Zero;
        for (int i = 0; i < masses.Length; i++) p += masses[i] * velocities[i];
        return p;
    }

    /// <summary>Subtracts the centre-of-mass velocity so the total momentum is zero.</summary>
    public static void RemoveTotalMomentum(ReadOnlySpan<double> masses, Span<Vec3> velocities)
    {
        double total = 0;
        foreach (double m in masses) total += m;
        var vcm = TotalMomentum(masses, velocities) / total;
        for (int i = 0; i < velocities.Length; i++) velocities[i] -= vcm;
    }

    /// <summary>A standard normal deviate (Box-Muller) from an injected generator.</summary>
    public static double NextGaussian(this Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(); // (0, 1]: log is finite
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A vector of three standard normal deviates.</summary>
    public static Vec3 NextGaussianVec3(this Random rng) => new(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian());
}
