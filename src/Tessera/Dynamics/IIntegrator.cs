using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>One step of an MD integrator. On entry the state's forces belong to its positions; on exit too
/// (each step evaluates the potential once).</summary>
public interface IIntegrator
{
    /// <summary>A short description, e.g. "langevin(T=300 K, gamma=0.01/fs, dt=0.5 fs)".</summary>
    string Name { get; }
    double TimeStepFs { get; }
    void Step(MdState state, IPotential potential);
}

internal static class IntegratorChecks
{
    public static double TimeStep(double dtFs) =>
        dtFs > 0 && double.IsFinite(dtFs) ? dtFs : throw new ArgumentOutOfRangeException(nameof(dtFs), $"Time step must be positive, got {dtFs} fs.");

    public static double Temperature(double t) =>
        t >= 0 && double.IsFinite(t) ? t : throw new ArgumentOutOfRangeException(nameof(t), $"Temperature must be non-negative, got {t} K.");
}
