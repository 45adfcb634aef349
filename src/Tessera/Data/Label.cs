using Tessera.Core;
using Tessera.Engines;

namespace Tessera.Data;

public enum LabelStatus { Ok, Failed }

/// <summary>The outcome of labelling one fragment at one level ("low" or "high"): energy (eV) and forces
/// (eV/A, when asked) on success, or the error after every attempt failed. <see cref="Engine"/> is the
/// engine that produced it (the safer-options engine when the first attempt failed and the retry worked).</summary>
public sealed record Label(long FragmentId, string Level, LabelStatus Status, double? Energy, Vec3[]? Forces,
                           double WallSeconds, int Attempts, EngineIdentity Engine, string? Error, DateTime CreatedUtc)
{
    public const string Low = "low", High = "high";

    public bool Satisfies(bool needForces) => Status == LabelStatus.Ok && (!needForces || Forces is not null);
}

/// <summary>The label store file cannot be used (not SQLite, corrupted, truncated, foreign, unwritable).</summary>
public sealed class LabelStoreException(string file, string problem, Exception? inner = null)
    : Exception($"Label store {file}: {problem}", inner)
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
