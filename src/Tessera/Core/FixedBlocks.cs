namespace Tessera.Core;

/// <summary>Parallel work over fixed contiguous blocks of 0..count-1, each block with its own accumulator, returned
/// in block order. Reducing them in that order gives the same sums however the threads are scheduled, so equal
/// inputs give bit-identical results (a resumed MD run, a retrained model) on the same machine.</summary>
public static class FixedBlocks
{
    /// <param name="maxDegreeOfParallelism">Threads, and so blocks (-1: one per processor).</param>
    public static T[] For<T>(int count, int maxDegreeOfParallelism, Func<T> init, Action<int, T> body) =>
        For(count, maxDegreeOfParallelism, 1, init, body);

    /// <param name="blocksPerThread">More blocks than threads let a thread that finishes early (or one that other
    /// jobs on the machine do not slow) take over work; each block still sums on its own.</param>
    public static T[] For<T>(int count, int maxDegreeOfParallelism, int blocksPerThread, Func<T> init, Action<int, T> body)
    {
        int threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        int blocks = Math.Max(1, Math.Min(count, threads == 1 ? 1 : threads * blocksPerThread));
        var locals = new T[blocks];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, b =>
        {
            var local = locals[b] = init();
            int end = (int)((long)count * (b + 1) / blocks);
            for (int i = (int)((long)count * b / blocks); i < end; i++) body(i, local);
        });
        return locals;
    }
}
