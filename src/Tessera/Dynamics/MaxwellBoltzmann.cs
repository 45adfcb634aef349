using Tessera.Core;

namespace Tessera.Dynamics;

/// <summary>Initial velocities drawn from the Maxwell-Boltzmann distribution.</summary>
public static class MaxwellBoltzmann
{
    /// <summary>Velocities (A/fs) at temperature (K) with zero total momentum. With <paramref name="exactTemperature"/>
    /// they are rescaled so the instantaneous temperature over 3N-3 degrees of freedom equals the target.</summary>
    public static Vec3[] Sample(ReadOnlySpan<double> masses, double temperature, Random rng, bool exactTemperature = false)
    {
        if (temperature < 0) throw new ArgumentOutOfRangeException(nameof(temperature), "Temperature must be non-negative.");
        var v = new Vec3[masses.Length];
        double kT = Core.Units.Boltzmann * temperature;
        for (int i = 0; i < v.Length; i++)
            v[i] = Math.Sqrt(kT / masses[i]) / Core.Units.AseTimeFs * rng.NextGaussianVec3();
        if (v.Length > 1) Kinetics.RemoveTotalMomentum(masses, v);
        if (exactTemperature && temperature > 0)
        {
            int dof = Kinetics.DegreesOfFreedom(v.Length, momentumFixed: true);
            double t = Kinetics.Temperature(Kinetics.KineticEnergy(masses, v), dof);
            double scale = t > 0 ? Math.Sqrt(temperature / t) : 0;
            for (int i = 0; i < v.Length; i++) v[i] = scale * v[i];
        }
        return v;
    }
}
