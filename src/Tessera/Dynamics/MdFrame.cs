namespace Tessera.Dynamics;

/// <summary>What the run loop reports at a logged step: energies in eV, temperatures in K, time in fs.</summary>
public sealed record MdFrame(long Step, double TimeFs, double PotentialEnergy, double KineticEnergy, double Temperature,
                             IReadOnlyDictionary<string, double> ElementTemperatures)
{
    public double TotalEnergy => PotentialEnergy + KineticEnergy;

    public static MdFrame Of(MdState s) =>
        new(s.Step, s.TimeFs, s.PotentialEnergy, s.KineticEnergy, s.Temperature,
            Kinetics.ElementTemperatures(s.Structure.Numbers, s.Masses, s.Velocities, s.MomentumFixed));
}

/// <summary>Receives the run loop's output. Library code never prints; the CLI turns these into files and bars.</summary>
public interface IMdObserver
{
    /// <summary>Called every LogEvery steps (and for the starting frame of a fresh run).</summary>
    void OnFrame(MdFrame frame);

    /// <summary>Called every TrajectoryEvery steps with a snapshot (see <see cref="MdSnapshot"/>) the observer may keep.</summary>
    void OnSnapshot(Core.Structure snapshot);
}

/// <summary>Progress of a run: steps done of the target.</summary>
public readonly record struct MdProgress(long Step, long TargetStep, double TimeFs, double Temperature);
