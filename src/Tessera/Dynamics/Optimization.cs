using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>Convergence and step limits of a geometry optimisation. Build with <see cref="Create"/>.</summary>
public sealed record OptimizationSettings
{
    /// <summary>Converged when the largest atomic force is below this (eV/A).</summary>
    public double Fmax { get; private init; }
    public int MaxSteps { get; private init; }
    /// <summary>No atom moves further than this in one step (A).</summary>
    public double MaxStep { get; private init; }

    public static OptimizationSettings Create(double fmax = 0.05, int maxSteps = 1000, double maxStep = 0.2)
    {
        if (!(fmax > 0)) throw new ArgumentOutOfRangeException(nameof(fmax), "fmax must be positive.");
        if (maxSteps < 0) throw new ArgumentOutOfRangeException(nameof(maxSteps), "maxSteps must be non-negative.");
        if (!(maxStep > 0)) throw new ArgumentOutOfRangeException(nameof(maxStep), "maxStep must be positive.");
        return new OptimizationSettings { Fmax = fmax, MaxSteps = maxSteps, MaxStep = maxStep };
    }
}

/// <summary>The geometry being optimised: positions updated in place, with energy (eV) and forces (eV/A) at them.</summary>
public sealed class OptimizationState
{
    public Structure Structure { get; }
    public Vec3[] Forces { get; private set; } = [];
    public double Energy { get; private set; }
    public int Step { get; internal set; }

    public OptimizationState(Structure structure) => Structure = structure.Clone();

    public double Fmax => Forces.Length == 0 ? 0 : Forces.Max(f => f.Length);

    public void Update(IPotential potential)
    {
        var r = potential.Compute(Structure, Needs.Forces).RequireFinite(potential.Name, "an optimisation step");
        Forces = r.RequireForces();
        Energy = r.Energy;
    }

    /// <summary>Moves every atom by dr, scaled down so no atom moves more than maxStep (A).</summary>
    public void Displace(ReadOnlySpan<Vec3> dr, double maxStep)
    {
        double longest = 0;
        foreach (var d in dr) longest = Math.Max(longest, d.Length);
        double scale = longest > maxStep ? maxStep / longest : 1;
        var r = Structure.Positions;
        for (int i = 0; i < r.Length; i++) r[i] += scale * dr[i];
    }
}

/// <summary>One step of an optimiser: moves the positions and updates energy and forces.</summary>
public interface IOptimizer
{
    string Name { get; }
    void Step(OptimizationState state, IPotential potential, double maxStep);
}

/// <summary>Outcome: final geometry, energy (eV), largest force (eV/A) and steps taken.</summary>
public sealed record OptimizationResult(Structure Structure, double Energy, double Fmax, int Steps, bool Converged);

/// <summary>Progress of an optimisation.</summary>
public readonly record struct OptimizationProgress(int Step, double Energy, double Fmax);

/// <summary>The loop shared by every optimiser.</summary>
public static class Optimization
{
    public static OptimizationResult Run(Structure start, IPotential potential, IOptimizer optimizer, OptimizationSettings settings,
                                         IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var state = new OptimizationState(start);
        state.Update(potential);
        progress?.Report(new OptimizationProgress(0, state.Energy, state.Fmax));
        while (state.Fmax >= settings.Fmax && state.Step < settings.MaxSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            optimizer.Step(state, potential, settings.MaxStep);
            state.Step++;
            progress?.Report(new OptimizationProgress(state.Step, state.Energy, state.Fmax));
        }
        var final = state.Structure.Clone();
        final.Info["energy"] = state.Energy;
        final.Arrays["forces"] = PerAtomArray.Vectors(state.Forces);
        return new OptimizationResult(final, state.Energy, state.Fmax, state.Step, state.Fmax < settings.Fmax);
    }
}
