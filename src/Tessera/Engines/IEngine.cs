using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Engines;

/// <summary>What makes two engine results interchangeable: program, its version, method and every option
/// that changes numbers, as canonical strings (part of the result-cache key).</summary>
public sealed record EngineIdentity(string Program, string Version, string Method, string Options);

/// <summary>One member of a batch: a result, or the error that member met (never silently dropped).</summary>
public sealed record BatchItem(PotentialResult? Result, EngineException? Error, double WallSeconds)
{
    public bool Succeeded => Result is not null;
    public PotentialResult Require() => Result ?? throw Error!;
}

/// <summary>An external quantum engine: an <see cref="IPotential"/> with an identity (for caching), a
/// process-start counter and batch evaluation of many structures.</summary>
public interface IEngine : IPotential
{
    EngineIdentity Identity { get; }

    /// <summary>Processes this engine has started.</summary>
    long ProcessStarts { get; }

    /// <summary>Computes every structure; per-structure failures are recorded in the returned items, in order.</summary>
    IReadOnlyList<BatchItem> ComputeBatch(IReadOnlyList<Structure> structures, Needs needs,
                                          CancellationToken ct = default, IProgress<int>? progress = null);
}
