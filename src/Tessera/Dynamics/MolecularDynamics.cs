using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>How long a run goes and how often it reports. Build with <see cref="Create"/>.</summary>
public sealed record MdRunSettings
{
    /// <summary>Run until the state's step counter reaches this (so a resumed run continues to the same end).</summary>
    public long TargetStep { get; private init; }
    public int LogEvery { get; private init; }
    /// <summary>0: no trajectory snapshots.</summary>
    public int TrajectoryEvery { get; private init; }

    public static MdRunSettings Create(long targetStep, int logEvery = 1, int trajectoryEvery = 0)
    {
        if (targetStep < 0) throw new ArgumentOutOfRangeException(nameof(targetStep), "The number of steps must be non-negative.");
        if (logEvery < 1) throw new ArgumentOutOfRangeException(nameof(logEvery), "LogEvery must be at least 1.");
        if (trajectoryEvery < 0) throw new ArgumentOutOfRangeException(nameof(trajectoryEvery), "TrajectoryEvery must be non-negative.");
        return new MdRunSettings { TargetStep = targetStep, LogEvery = logEvery, TrajectoryEvery = trajectoryEvery };
    }
}

/// <summary>The run loop shared by every integrator: forces at the start, then integrator steps, reporting frames
/// and snapshots to an observer. Cancellation stops between steps, leaving the state consistent.</summary>
public static class MolecularDynamics
{
    /// <param name="isContinuation">True when resuming: the starting frame is already in the log and trajectory.</param>
    public static void Run(MdState state, IPotential potential, IIntegrator integrator, MdRunSettings settings,
                           IMdObserver? observer = null, IProgress<MdProgress>? progress = null,
                           bool isContinuation = false, CancellationToken cancellationToken = default)
    {
        state.UpdateForces(potential);
        if (!isContinuation) Report(state, settings, observer, force: true);
        while (state.Step < settings.TargetStep)
        {
            cancellationToken.ThrowIfCancellationRequested();
            integrator.Step(state, potential);
            state.Step++;
            state.TimeFs += integrator.TimeStepFs;
            Report(state, settings, observer, force: false);
            progress?.Report(new MdProgress(state.Step, settings.TargetStep, state.TimeFs, state.Temperature));
        }
    }

    private static void Report(MdState state, MdRunSettings settings, IMdObserver? observer, bool force)
    {
        if (observer is null) return;
        if (force || state.Step % settings.LogEvery == 0) observer.OnFrame(MdFrame.Of(state));
        if (settings.TrajectoryEvery > 0 && (force || state.Step % settings.TrajectoryEvery == 0))
            observer.OnSnapshot(MdSnapshot.Capture(state));
    }
}
