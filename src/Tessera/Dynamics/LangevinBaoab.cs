using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>Langevin dynamics (NVT) with the BAOAB splitting of Leimkuhler and Matthews: half kick, half drift,
/// exact Ornstein-Uhlenbeck velocity update, half drift, half kick. The centre-of-mass velocity is removed
/// after the noise so the total momentum stays zero, matching the 3N-3 degrees of freedom used for T.</summary>
public sealed class LangevinBaoab : IIntegrator
{
    private readonly StepNoise _noise;

    /// <param name="frictionPerFs">Friction gamma in 1/fs (e.g. 0.01 for a 100 fs relaxation time).</param>
    public LangevinBaoab(double timeStepFs, double temperature, double frictionPerFs, StepNoise noise)
    {
        TimeStepFs = IntegratorChecks.TimeStep(timeStepFs);
        TargetTemperature = IntegratorChecks.Temperature(temperature);
        FrictionPerFs = frictionPerFs > 0 ? frictionPerFs : throw new ArgumentOutOfRangeException(nameof(frictionPerFs), "Friction must be positive.");
        _noise = noise;
    }

    public double TimeStepFs { get; }
    public double TargetTemperature { get; }
    public double FrictionPerFs { get; }
    public string Name => $"langevin-baoab(T={TargetTemperature} K, gamma={FrictionPerFs}/fs, dt={TimeStepFs} fs)";

    public void Step(MdState state, IPotential potential)
    {
        double dt = TimeStepFs;
        state.Kick(0.5 * dt);
        state.Drift(0.5 * dt);
        OrnsteinUhlenbeck(state, dt);
        state.Drift(0.5 * dt);
        PeriodicWrap.Wrap(state.Structure);
        state.UpdateForces(potential);
        state.Kick(0.5 * dt);
    }

    private void OrnsteinUhlenbeck(MdState state, double dt)
    {
        double c1 = Math.Exp(-FrictionPerFs * dt);
        double c2 = Math.Sqrt(1 - c1 * c1);
        double kT = Units.Boltzmann * TargetTemperature;
        var v = state.Velocities;
        var rng = _noise.At(state.Step + 1);
        for (int i = 0; i < v.Length; i++)
        {
            double sigma = Math.Sqrt(kT / state.Masses[i]) / Units.AseTimeFs; // A/fs
            v[i] = c1 * v[i] + (c2 * sigma) * rng.NextGaussianVec3();
        }
        if (v.Length > 1) Kinetics.RemoveTotalMomentum(state.Masses, v);
    }
}
