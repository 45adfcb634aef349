using Tessera.Core;
using Tessera.Engines;
using Tessera.Potentials;

namespace Tessera.Tests.Engines;

/// <summary>Cache behaviour with a counting in-process engine (no external programs).</summary>
public class ResultCacheTests
{
    /// <summary>An engine that counts its "runs" and computes a harmonic toy energy.</summary>
    private sealed class CountingEngine(string method = "toy") : IEngine
    {
        private readonly HarmonicTestPotential _p = new(1.0);
        private long _runs;
        public string Name => "counting:" + method;
        public EngineIdentity Identity => new("counting", "1", method, "");
        public long ProcessStarts => Interlocked.Read(ref _runs);
        public PotentialResult Compute(Structure s, Needs needs = Needs.Forces)
        {
            Interlocked.Increment(ref _runs);
            var r = _p.Compute(s, needs);
            return needs.HasFlag(Needs.Forces) ? r : r with { Forces = null };
        }
        public IReadOnlyList<BatchItem> ComputeBatch(IReadOnlyList<Structure> structures, Needs needs, CancellationToken ct = default, IProgress<int>? progress = null)
        {
            Interlocked.Increment(ref _runs);
            return structures.Select(s => new BatchItem(_p.Compute(s, needs), null, 0)).ToArray();
        }
    }

    /// <summary>Finishes the first <paramref name="finish"/> members of a batch, then reports a cancellation.</summary>
    private sealed class CancelledMidBatchEngine(int finish) : IEngine
    {
        private readonly HarmonicTestPotential _p = new(1.0);
        public int Computed { get; private set; }
        public string Name => "cancelled-mid-batch";
        public EngineIdentity Identity => new("cancelling", "1", "toy", "");
        public long ProcessStarts => 0;
        public PotentialResult Compute(Structure s, Needs needs = Needs.Forces) => ComputeBatch([s], needs)[0].Require();
        public IReadOnlyList<BatchItem> ComputeBatch(IReadOnlyList<Structure> structures, Needs needs, CancellationToken ct = default, IProgress<int>? progress = null)
        {
            var items = structures.Select((s, i) => i < finish
                ? new BatchItem(_p.Compute(s, needs), null, 0)
                : new BatchItem(null, new EngineException("cancelling", EngineFailure.Cancelled, "cancelled"), 0)).ToArray();
            Computed += Math.Min(finish, structures.Count);
            if (finish < structures.Count) throw new BatchCancelledException(items, new OperationCanceledException());
            return items;
        }
    }

    [Fact]
    public void Members_finished_before_a_cancellation_are_stored()
    {
        var path = EngineFixtures.TempCachePath();
        try
        {
            var frames = Enumerable.Range(0, 5).Select(k =>
            {
                var s = TestStructures.WaterDimer();
                s.Positions[0] += new Vec3(0.01 * k, 0, 0);
                return s;
            }).ToArray();
            var cancelling = new CachedPotential(new CancelledMidBatchEngine(finish: 3), new ResultCache(path));
            Assert.Throws<BatchCancelledException>(() => cancelling.ComputeBatch(frames, Needs.Forces));
            // A rerun computes only the two members that had not finished.
            var inner = new CancelledMidBatchEngine(finish: 5);
            var rerun = new CachedPotential(inner, new ResultCache(path));
            Assert.All(rerun.ComputeBatch(frames, Needs.Forces), i => Assert.True(i.Succeeded));
            Assert.Equal(3, rerun.Hits);
            Assert.Equal(2, inner.Computed);
        }
        finally { EngineFixtures.DeleteCache(path); }
    }

    [Fact]
    public void ForcesSatisfyEnergyButNotTheReverse()
    {
        var path = EngineFixtures.TempCachePath();
        try
        {
            var engine = new CountingEngine();
            var cached = new CachedPotential(engine, new ResultCache(path));
            var s = TestStructures.WaterMonomer();
            var e = cached.Compute(s, Needs.Energy);
            Assert.Null(e.Forces);
            Assert.Equal(1, engine.ProcessStarts);
            cached.Compute(s, Needs.Energy);
            Assert.Equal(1, engine.ProcessStarts);
            var f = cached.Compute(s, Needs.Forces); // energy-only entry cannot serve forces
            Assert.Equal(2, engine.ProcessStarts);
            Assert.NotNull(f.Forces);
            var again = cached.Compute(s, Needs.Forces);
            var energyOnly = cached.Compute(s, Needs.Energy);
            Assert.Equal(2, engine.ProcessStarts);
            Assert.Equal(f.Forces, again.Forces);
            Assert.Null(energyOnly.Forces);
            Assert.Equal(e.Energy, energyOnly.Energy);
            Assert.Equal(1, new ResultCache(path).Count);
        }
        finally { EngineFixtures.DeleteCache(path); }
    }

    [Fact]
    public void BatchComputesOnlyTheUncachedMembers()
    {
        var path = EngineFixtures.TempCachePath();
        try
        {
            var engine = new CountingEngine();
            var cached = new CachedPotential(engine, new ResultCache(path));
            var all = Enumerable.Range(0, 5).Select(i => TestStructures.RandomPositions(4, 3.0, seed: i)).ToArray();
            cached.ComputeBatch(all[..2], Needs.Forces);
            var items = cached.ComputeBatch(all, Needs.Forces);
            Assert.Equal(2, engine.ProcessStarts);
            Assert.Equal(2 + 5, cached.Misses + cached.Hits);
            Assert.Equal(2, cached.Hits);
            var direct = new HarmonicTestPotential(1.0);
            for (int i = 0; i < all.Length; i++) Assert.Equal(direct.Compute(all[i]).Energy, items[i].Require().Energy, 14);
        }
        finally { EngineFixtures.DeleteCache(path); }
    }

    [Fact]
    public void CorruptedFileGivesAClearErrorNamingIt()
    {
        var path = EngineFixtures.TempCachePath();
        try
        {
            var garbage = new byte[8192];
            new Random(7).NextBytes(garbage);
            File.WriteAllBytes(path, garbage);
            var e = Assert.Throws<ResultCacheException>(() => new ResultCache(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("not a valid result cache", e.Message);
        }
        finally { EngineFixtures.DeleteCache(path); }
    }

    [Fact]
    public void ConcurrentWritersOnOneFileLoseNothing()
    {
        var path = EngineFixtures.TempCachePath();
        try
        {
            var a = new CachedPotential(new CountingEngine(), new ResultCache(path));
            var b = new CachedPotential(new CountingEngine(), new ResultCache(path));
            var structures = Enumerable.Range(0, 40).Select(i => TestStructures.RandomPositions(5, 3.0, seed: 100 + i)).ToArray();
            Parallel.For(0, 80, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => (i % 2 == 0 ? a : b).Compute(structures[i / 2]));
            Assert.Equal(40, new ResultCache(path).Count);
            var fresh = new CountingEngine();
            var c = new CachedPotential(fresh, new ResultCache(path));
            foreach (var s in structures) c.Compute(s);
            Assert.Equal(0, fresh.ProcessStarts);
        }
        finally { EngineFixtures.DeleteCache(path); }
    }
}
