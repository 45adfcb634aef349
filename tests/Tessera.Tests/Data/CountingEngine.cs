using Tessera.Core;
using Tessera.Engines;
using Tessera.Potentials;

namespace Tessera.Tests.Data;

/// <summary>A fast fake engine for pipeline tests: energy = sum over pairs of 1/r (eV), exact forces; counts
/// every structure it computes as one process start; fails (not converged) on structures chosen by a predicate.</summary>
public sealed class CountingEngine(string method, Func<Structure, bool>? fails = null, string options = "") : IEngine
{
    private long _starts;

    public string Name => $"fake:{method}";
    public EngineIdentity Identity => new("fake", "1.0", method, options);
    public long ProcessStarts => Interlocked.Read(ref _starts);

    /// <summary>Called after each computed structure with the running count (to cancel mid-run).</summary>
    public Action<long>? AfterEach { get; set; }

    public PotentialResult Compute(Structure s, Needs needs = Needs.Forces)
    {
        long n = Interlocked.Increment(ref _starts);
        if (fails?.Invoke(s) == true) throw new EngineException("fake", EngineFailure.NotConverged, "SCF did not converge");
        double e = 0;
        var f = new Vec3[s.Count];
        for (int i = 0; i < s.Count; i++)
            for (int j = i + 1; j < s.Count; j++)
            {
                var d = s.Positions[j] - s.Positions[i];
                double r = d.Length;
                e += 1 / r;
                var g = (1 / (r * r * r)) * d; // -dE/dr_j
                f[j] += g;
                f[i] -= g;
            }
        AfterEach?.Invoke(n);
        return new PotentialResult(e, needs.HasFlag(Needs.Forces) ? f : null);
    }

    public IReadOnlyList<BatchItem> ComputeBatch(IReadOnlyList<Structure> structures, Needs needs, CancellationToken ct = default,
                                                 IProgress<int>? progress = null)
    {
        var items = new List<BatchItem>();
        foreach (var s in structures)
        {
            ct.ThrowIfCancellationRequested();
            try { items.Add(new BatchItem(Compute(s, needs), null, 0.001)); }
            catch (EngineException e) { items.Add(new BatchItem(null, e, 0.001)); }
        }
        return items;
    }
}

/// <summary>IProgress that runs its handler synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
public sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
