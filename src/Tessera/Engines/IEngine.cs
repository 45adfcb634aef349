using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Engines;

/// <summary>What makes two engine results interchangeable: program, its version, method and every option
/// that changes numbers, as canonical strings (part of the result-cache key).</summary>
public sealed record EngineIdentity(string Program, string Version, string Method, string Options);

/// <summary>One member of an engine batch: a result, or the engine's error for that member (never silently dropped).
/// <see cref="Cached"/>: the result came from a result cache, so no calculation ran for it now.</summary>
public sealed record BatchItem(PotentialResult? Result, EngineException? Error, double WallSeconds, bool Cached = false) : IBatchOutcome
{
    Exception? IBatchOutcome.Error => Error;
    public bool Succeeded => Result is not null;
    public PotentialResult Require() => Result ?? throw Error!;
}

/// <summary>An external quantum engine: an <see cref="IBatchPotential"/> with an identity (for caching), a
/// process-start counter, and batch items typed with the engine's errors (for retries by failure kind).</summary>
public interface IEngine : IBatchPotential, IProgramPotential
{
    EngineIdentity Identity { get; }

    // The identity seen through the potential-level contract, for what a command records beside results.
    string IProgramPotential.Program => Identity.Program;
    string IProgramPotential.ProgramVersion => Identity.Version;
    string IProgramPotential.ProgramOptions => Identity.Options;

    /// <summary>Processes this engine has started.</summary>
    long ProcessStarts { get; }

    /// <summary>Computes every structure; per-structure failures are recorded in the returned items, in order.</summary>
    new IReadOnlyList<BatchItem> ComputeBatch(IReadOnlyList<Structure> structures, Needs needs,
                                              CancellationToken ct = default, IProgress<int>? progress = null);

    // The same batch seen through the potential-level contract (a list of engine items is a list of outcomes).
    IReadOnlyList<IBatchOutcome> IBatchPotential.ComputeBatch(IReadOnlyList<Structure> structures, Needs needs,
                                                              CancellationToken ct, IProgress<int>? progress) =>
        ComputeBatch(structures, needs, ct, progress);
}
