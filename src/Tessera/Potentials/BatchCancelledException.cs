namespace Tessera.Potentials;

/// <summary>A batch stopped by cancellation, carrying the members that had finished (in batch order; the
/// others hold a cancellation error), so a caller such as the result cache keeps work already paid for.</summary>
public sealed class BatchCancelledException(IReadOnlyList<IBatchOutcome> items, OperationCanceledException inner)
    : OperationCanceledException($"Batch cancelled after {items.Count(i => i.Succeeded)} of {items.Count} members finished.", inner, inner.CancellationToken)
{
    public IReadOnlyList<IBatchOutcome> Items { get; } = items;
}
