using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>Runs NVE velocity Verlet from Maxwell-Boltzmann velocities (zero total momentum) and measures the
/// drift of the total energy (benchmark MD1).</summary>
public static class ConservationCheck
{
    public static EnergyDriftResult Nve(IPotential potential, Structure structure, double timeStepFs, long steps,
                                        double temperature, Random rng, IProgress<MdProgress>? progress = null,
                                        CancellationToken cancellationToken = default)
    {
        var v = MaxwellBoltzmann.Sample(Kinetics.Masses(structure), temperature, rng);
        var state = MdState.Create(structure, v);
        var log = new FrameLog();
        MolecularDynamics.Run(state, potential, new VelocityVerlet(timeStepFs), MdRunSettings.Create(steps), log, progress,
                              cancellationToken: cancellationToken);
        return EnergyDrift.Analyse(log.Times, log.Energies, structure.Count);
    }

    private sealed class FrameLog : IMdObserver
    {
        public List<double> Times { get; } = [];
        public List<double> Energies { get; } = [];
        public void OnFrame(MdFrame frame) { Times.Add(frame.TimeFs); Energies.Add(frame.TotalEnergy); }
        public void OnSnapshot(Structure snapshot) { }
    }
}
