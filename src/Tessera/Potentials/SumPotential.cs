using System.Runtime.ExceptionServices;
using Tessera.Core;

namespace Tessera.Potentials;

/// <summary>The sum of several potentials (e.g. a network plus dispersion): every quantity adds.</summary>
/// <param name="concurrent">Compute the terms at the same time: every term but the last on the thread pool, the last on
/// the calling thread (a native engine goes last: it keeps the caller's thread and stack). A learned correction then
/// costs no wall time next to a slower low level on another core. Results add in term order and the first failing term's
/// error is thrown, as in the serial sum, so the two give the same numbers bit for bit.</param>
public sealed class SumPotential(IReadOnlyList<IPotential> terms, bool concurrent = false) : IPotential
{
    public IReadOnlyList<IPotential> Terms { get; } = terms.Count > 0 ? terms : throw new ArgumentException("A sum needs at least one term.");

    public bool Concurrent { get; } = concurrent;

    public string Name => string.Join(" + ", Terms.Select(t => t.Name));

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces)
    {
        var results = Concurrent && Terms.Count > 1 ? ComputeConcurrently(structure, needs) : [.. Terms.Select(t => t.Compute(structure, needs))];
        int n = structure.Count;
        double energy = 0;
        Vec3[]? forces = needs.HasFlag(Needs.Forces) ? new Vec3[n] : null;
        Mat3 virial = Mat3.Zero;
        double[]? atomEnergies = needs.HasFlag(Needs.AtomEnergies) ? new double[n] : null;
        for (int t = 0; t < Terms.Count; t++)
        {
            var r = results[t];
            energy += r.Energy;
            if (forces is not null)
            {
                var f = r.RequireForces();
                for (int i = 0; i < n; i++) forces[i] += f[i];
            }
            if (needs.HasFlag(Needs.Virial))
                virial += r.Virial ?? throw new InvalidOperationException($"{Terms[t].Name} did not return a virial.");
            if (atomEnergies is not null)
            {
                var e = r.AtomEnergies ?? throw new InvalidOperationException($"{Terms[t].Name} did not return per-atom energies.");
                for (int i = 0; i < n; i++) atomEnergies[i] += e[i];
            }
        }
        return new PotentialResult(energy, forces, needs.HasFlag(Needs.Virial) ? virial : null, atomEnergies);
    }

    private PotentialResult[] ComputeConcurrently(Structure structure, Needs needs)
    {
        var others = Terms.Take(Terms.Count - 1).Select(t => Task.Run(() => t.Compute(structure, needs))).ToArray();
        PotentialResult? last = null;
        Exception? lastError = null;
        try { last = Terms[^1].Compute(structure, needs); }
        catch (Exception e) { lastError = e; }
        try { Task.WaitAll(others); }
        catch (AggregateException) { } // each task's own error is thrown below, in term order
        if (others.FirstOrDefault(t => t.IsFaulted) is { } failed) ExceptionDispatchInfo.Capture(failed.Exception!.InnerExceptions[0]).Throw();
        if (lastError is not null) ExceptionDispatchInfo.Capture(lastError).Throw();
        return [.. others.Select(t => t.Result), last!];
    }
}
