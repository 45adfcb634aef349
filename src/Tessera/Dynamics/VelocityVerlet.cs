using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>Velocity Verlet (NVE): symplectic and time-reversible, so the energy error stays bounded.</summary>
public sealed class VelocityVerlet(double timeStepFs) : IIntegrator
{
    public double TimeStepFs { get; } = IntegratorChecks.TimeStep(timeStepFs);
    public string Name => $"velocity-verlet(dt={TimeStepFs} fs)";

    public void Step(MdState state, IPotential potential)
    {
        state.Kick(0.5 * TimeStepFs);
        state.Drift(TimeStepFs);
        PeriodicWrap.Wrap(state.Structure);
        state.UpdateForces(potential);
        state.Kick(0.5 * TimeStepFs);
    }
}
