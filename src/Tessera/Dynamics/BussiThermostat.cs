using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>Stochastic velocity rescaling (Bussi, Donadio, Parrinello 2007) around a velocity Verlet step:
/// the kinetic energy follows its exact canonical stochastic dynamics with relaxation time tau.</summary>
public sealed class BussiThermostat : IIntegrator
{
    private readonly StepNoise _noise;
    private readonly VelocityVerlet _verlet;

    public BussiThermostat(double timeStepFs, double temperature, double tauFs, StepNoise noise)
    {
        _verlet = new VelocityVerlet(timeStepFs);
        TargetTemperature = IntegratorChecks.Temperature(temperature);
        TauFs = tauFs > 0 ? tauFs : throw new ArgumentOutOfRangeException(nameof(tauFs), "tau must be positive.");
        _noise = noise;
    }

    public double TimeStepFs => _verlet.TimeStepFs;
    public double TargetTemperature { get; }
    public double TauFs { get; }
    public string Name => $"bussi(T={TargetTemperature} K, tau={TauFs} fs, dt={TimeStepFs} fs)";

    public void Step(MdState state, IPotential potential)
    {
        _verlet.Step(state, potential);
        Rescale(state);
    }

    private void Rescale(MdState state)
    {
        double k = state.KineticEnergy;
        if (k <= 0) return;
        int nf = state.DegreesOfFreedom;
        double kTarget = 0.5 * nf * Units.Boltzmann * TargetTemperature;
        double c = Math.Exp(-TimeStepFs / TauFs);
        var rng = _noise.At(state.Step + 1);
        double r1 = rng.NextGaussian();
        double sumSq = r1 * r1;
        for (int i = 1; i < nf; i++) { double r = rng.NextGaussian(); sumSq += r * r; }
        double ratio = kTarget / (nf * k);
        double alpha2 = c + (1 - c) * sumSq * ratio + 2 * r1 * Math.Sqrt(c * (1 - c) * ratio);
        double sign = r1 + Math.Sqrt(c / ((1 - c) * ratio)) < 0 ? -1 : 1;
        double alpha = sign * Math.Sqrt(Math.Max(alpha2, 0));
        var v = state.Velocities;
        for (int i = 0; i < v.Length; i++) v[i] = alpha * v[i];
    }
}
