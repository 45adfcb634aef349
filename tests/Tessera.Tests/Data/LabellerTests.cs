using Tessera.Data;
using Tessera.Engines;
using Tessera.Potentials;

namespace Tessera.Tests.Data;

public class LabellerTests
{
    private static (List<PoolFragment> Selected, string Folder) Selection(int frames = 30, double fraction = 0.2)
    {
        var pool = TestPools.Water(frames);
        var doc = FragmentSelector.Select(pool, SelectionSettings.Create(fraction, seed: 1));
        var ids = doc.SelectedIds().ToHashSet();
        return (pool.Where(f => ids.Contains(f.Id)).ToList(), Temp.Folder());
    }

    private static LabelLevel[] Levels(string dbPath, out CountingEngine low, out CountingEngine high)
    {
        var cache = new ResultCache(dbPath);
        low = new CountingEngine("low");
        high = new CountingEngine("high");
        return [new LabelLevel(Label.Low, new CachedPotential(low, cache), null), new LabelLevel(Label.High, new CachedPotential(high, cache), null)];
    }

    [Fact]
    public void Interrupted_run_resumes_computing_exactly_the_remainder()
    {
        var (selected, folder) = Selection();
        var db = Path.Combine(folder, "labels.sqlite");
        var settings = LabelSettings.Create(gradients: true, workers: 1, chunkSize: 3);
        int total = selected.Count;
        Assert.True(total >= 12, $"pool too small: {total}");

        // Run 1: cancelled once 6 low-level labels are stored (between chunks, as Ctrl+C is seen).
        var cts = new CancellationTokenSource();
        var levels = Levels(db, out var low1, out var high1);
        var stop = new SyncProgress<LabelProgress>(p => { if (p.Level == Label.Low && p.Done >= 6) cts.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => Labeller.Run(selected, new LabelStore(db), levels, settings, cts.Token, stop));
        Assert.Equal(6, low1.ProcessStarts);
        Assert.Equal(0, high1.ProcessStarts);

        // Run 2: a fresh process would see only the files: new store, cache and engines.
        levels = Levels(db, out var low2, out var high2);
        var summary = Labeller.Run(selected, new LabelStore(db), levels, settings);
        Assert.Equal(total - 6, low2.ProcessStarts);
        Assert.Equal(total, high2.ProcessStarts);
        Assert.Equal(6, summary[0].Skipped);
        Assert.Equal((total - 6, 0), (summary[0].Computed, summary[0].CacheHits));

        // Run 3: nothing left, nothing computed.
        levels = Levels(db, out var low3, out var high3);
        summary = Labeller.Run(selected, new LabelStore(db), levels, settings);
        Assert.Equal(0, low3.ProcessStarts + high3.ProcessStarts);
        Assert.All(summary, s => Assert.Equal(total, s.Skipped));

        var store = new LabelStore(db);
        foreach (var level in new[] { Label.Low, Label.High })
        {
            var labels = store.Get(level);
            Assert.Equal(selected.Select(f => f.Id).Order(), labels.Keys.Order());
            Assert.All(labels.Values, l => Assert.True(l.Satisfies(needForces: true)));
        }
        // Stored values are the engine's values for that fragment.
        var f0 = selected[0];
        Assert.Equal(new CountingEngine("x").Compute(f0.Structure, Needs.Energy).Energy, store.Get(Label.Low)[f0.Id].Energy!.Value, 12);
    }

    [Fact]
    public void Summary_counts_cache_hits_apart_from_calculations()
    {
        var (selected, folder) = Selection();
        var cacheDb = Path.Combine(folder, "cache.sqlite");
        var settings = LabelSettings.Create(workers: 2, chunkSize: 3);
        Labeller.Run(selected.Take(5).ToList(), new LabelStore(Path.Combine(folder, "first.sqlite")), Levels(cacheDb, out _, out _)[..1], settings);

        // A second selection's store, reading the same result cache: 5 of its fragments are hits, the rest calculations.
        var levels = Levels(cacheDb, out var low, out _);
        var summary = Labeller.Run(selected, new LabelStore(Path.Combine(folder, "second.sqlite")), levels[..1], settings).Single();
        Assert.Equal(0, summary.Skipped);
        Assert.Equal(selected.Count, summary.Labelled);
        Assert.Equal(5, summary.CacheHits);
        Assert.Equal(selected.Count - 5, summary.Computed);
        Assert.Equal(summary.Computed, low.ProcessStarts);
    }

    [Fact]
    public void Killed_mid_chunk_loses_at_most_that_chunk_and_cache_saves_finished_work()
    {
        var (selected, folder) = Selection();
        var db = Path.Combine(folder, "labels.sqlite");
        var settings = LabelSettings.Create(workers: 1, chunkSize: 4);
        var cts = new CancellationTokenSource();
        var levels = Levels(db, out var low1, out _);
        low1.AfterEach = n => { if (n == 10) cts.Cancel(); }; // the engine is interrupted inside the third chunk
        Assert.ThrowsAny<OperationCanceledException>(() => Labeller.Run(selected, new LabelStore(db), levels[..1], settings, cts.Token));
        Assert.Equal(8, new LabelStore(db).Get(Label.Low).Count);

        levels = Levels(db, out var low2, out _);
        Labeller.Run(selected, new LabelStore(db), levels[..1], settings);
        Assert.Equal(selected.Count - 8, low2.ProcessStarts); // the two finished-but-unstored members of chunk 3 are recomputed
        Assert.Equal(selected.Count, new LabelStore(db).Get(Label.Low).Count);
    }

    [Fact]
    public void Failed_scf_is_retried_with_safer_options_then_recorded_never_dropped()
    {
        var (selected, folder) = Selection();
        var db = Path.Combine(folder, "labels.sqlite");
        var cache = new ResultCache(db);
        var hard = selected.Where(f => f.Rank == 1).Select(f => f.Id).Take(3).ToArray();   // fail normally, work when safer
        var hopeless = selected.Where(f => f.Rank == 0).Select(f => f.Id).Take(2).ToArray(); // fail both ways
        bool Is(long[] ids, Tessera.Core.Structure s) => selected.Where(f => ids.Contains(f.Id)).Any(f => f.Structure.Positions.SequenceEqual(s.Positions));
        var normal = new CountingEngine("low", s => Is(hard, s) || Is(hopeless, s));
        var safer = new CountingEngine("low", s => Is(hopeless, s), options: "iterations=1000");
        var level = new LabelLevel(Label.Low, new CachedPotential(normal, cache), new CachedPotential(safer, cache));
        var summary = Labeller.Run(selected, new LabelStore(db), [level], LabelSettings.Create(chunkSize: 5, workers: 2)).Single();

        Assert.Equal(hard.Length + hopeless.Length, summary.Retried);
        Assert.Equal(hopeless.Length, summary.Failed);
        var labels = new LabelStore(db).Get(Label.Low);
        Assert.Equal(selected.Count, labels.Count);
        foreach (var id in hard)
        {
            Assert.Equal(LabelStatus.Ok, labels[id].Status);
            Assert.Equal(2, labels[id].Attempts);
            Assert.Equal("iterations=1000", labels[id].Engine.Options);
        }
        foreach (var id in hopeless)
        {
            Assert.Equal(LabelStatus.Failed, labels[id].Status);
            Assert.Null(labels[id].Energy);
            Assert.Contains("retry with safer options", labels[id].Error);
        }
        // Failures are not tried again on a rerun unless asked.
        long before = normal.ProcessStarts + safer.ProcessStarts;
        Labeller.Run(selected, new LabelStore(db), [level], LabelSettings.Create());
        Assert.Equal(before, normal.ProcessStarts + safer.ProcessStarts);
        Labeller.Run(selected, new LabelStore(db), [level], LabelSettings.Create(retryFailed: true));
        Assert.Equal(before + 2 * hopeless.Length, normal.ProcessStarts + safer.ProcessStarts);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    public void Broken_label_store_names_the_file(string damage)
    {
        var (selected, folder) = Selection(10, 0.5);
        var db = Path.Combine(folder, "labels.sqlite");
        if (damage == "garbage") File.WriteAllText(db, "this is not a database, it is a text file that happens to be long enough " + new string('x', 4000));
        else
        {
            var levels = Levels(db, out _, out _);
            Labeller.Run(selected, new LabelStore(db), levels, LabelSettings.Create(gradients: true));
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var wal in new[] { db + "-wal", db + "-shm" }) if (File.Exists(wal)) File.Delete(wal);
            var bytes = File.ReadAllBytes(db);
            File.WriteAllBytes(db, bytes[..(bytes.Length / 2)]);
        }
        var e = Assert.Throws<LabelStoreException>(() => { var s = new LabelStore(db); s.Get(Label.Low); s.Get(Label.High); });
        Assert.Contains(db, e.Message);
    }
}

public class LabelRetryWithRealEnginesTests
{
    [Fact]
    public void Xtb_scf_failure_is_retried_with_safer_options_and_recorded()
    {
        var pool = TestPools.Water(1);
        var db = Path.Combine(Temp.Folder(), "labels.sqlite");
        // Two SCF iterations cannot converge; the retry appends the default safer options, which win.
        var level = LabelEngines.Create(Label.Low, "xtb:gfn2;iterations=2", new ResultCache(db));
        var summary = Labeller.Run(pool, new LabelStore(db), [level], LabelSettings.Create()).Single();
        Assert.Equal(pool.Count, summary.Retried);
        Assert.Equal(0, summary.Failed);
        Assert.All(new LabelStore(db).Get(Label.Low).Values, l =>
        {
            Assert.Equal((LabelStatus.Ok, 2), (l.Status, l.Attempts));
            Assert.Contains("iterations=1000", l.Engine.Options);
            Assert.Contains("etemp=1000", l.Engine.Options);
        });
    }
}
