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

    /// <summary>Temperature of each element's atoms, keyed by symbol. Unequal values in a long run expose
    /// equipartition failures. With the total momentum fixed, the 3 removed degrees of freedom are shared in
    /// proportion to mass (element e keeps 3 N_e - 3 M_e / M), so the values agree with the overall temperature.</summary>
    public static Dictionary<string, double> ElementTemperatures(ReadOnlySpan<int> numbers, ReadOnlySpan<double> masses,
                                                                 ReadOnlySpan<Vec3> velocities, bool momentumFixed = true)
    {
        var acc = new Dictionary<int, (double Ke, int Count, double Mass)>();
        double totalMass = 0;
        for (int i = 0; i < numbers.Length; i++)
        {
            acc.TryGetValue(numbers[i], out var a);
            acc[numbers[i]] = (a.Ke + 0.5 * masses[i] * velocities[i].LengthSquared * AmuA2PerFs2InEv, a.Count + 1, a.Mass + masses[i]);
            totalMass += masses[i];
        }
        bool shared = momentumFixed && numbers.Length > 1;
        return acc.OrderBy(kv => kv.Key).ToDictionary(kv => Element.FromNumber(kv.Key).Symbol, kv =>
        {
            double dof = 3 * kv.Value.Count - (shared ? 3 * kv.Value.Mass / totalMass : 0);
            return dof > 0 ? 2 * kv.Value.Ke / (dof * Units.Boltzmann) : 0;
        });
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
