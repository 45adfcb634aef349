namespace Tessera.Potentials;

/// <summary>One member of a batch: its result, or the error that member met (never silently dropped), and the
/// wall time it took. An interface so each kind of batch potential can type its errors (engines give
/// EngineException) while callers of <see cref="IBatchPotential"/> need only the result or the failure.</summary>
public interface IBatchOutcome
{
    PotentialResult? Result { get; }
    Exception? Error { get; }
    double WallSeconds { get; }
    bool Succeeded { get; }

    /// <summary>The result, or the member's own error thrown.</summary>
    PotentialResult Require();
}
