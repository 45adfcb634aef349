using Microsoft.Data.Sqlite;
using Tessera.Cli;
using Tessera.Data;
using Tessera.Tests.Data;
using Xunit.Abstractions;

namespace Tessera.Tests.Cli;

/// <summary>`tessera label` (GFN2 and GFN1-xTB, with gradients) after SIGKILLs at random moments: rerun, every selected
/// fragment has exactly one label per level, equal to an uninterrupted run's. The xtb program is used, not the
/// in-process library: the library restarts each SCF from the previous fragment's wavefunction, so its labels
/// depend on the order of the calculations (by up to the SCF tolerance, ~1e-5 eV/A in forces) and a resumed run,
/// which starts from another fragment, cannot match bit for bit.</summary>
[Collection(ConsoleCollection.Name)]
[Trait("Category", "Engines")]
public class LabelKillTests(ITestOutputHelper output)
{
    private static readonly string[] Args =
        ["label", "pool.extxyz.gz", "--selection", "selection.json", "--low", "xtb:gfn2", "--high", "xtb:gfn1",
         "--gradients", "--chunk", "2"];

    [Fact]
    public void Killed_and_rerun_labelling_equals_an_uninterrupted_run()
    {
        string reference = Temp.Folder(), killed = Temp.Folder();
        try
        {
            foreach (var dir in new[] { reference, killed })
            {
                FragmentPool.Write(Path.Combine(dir, "pool.extxyz.gz"), TestPools.Water(6));
                Assert.Equal(0, SelectCommand.Run(Path.Combine(dir, "pool.extxyz.gz"), 1.0, 0, Path.Combine(dir, "selection.json"), false));
            }
            var harness = new KillHarness(output, "label", 303);
            double wall = harness.Uninterrupted(reference, Args);
            var expected = Labels(reference);
            int selected = expected[Label.Low].Count;
            double worstEnergy = 0, worstForce = 0;
            while (harness.Kills < 5)
            {
                foreach (var f in Directory.GetFiles(killed, "labels.sqlite*")) File.Delete(f); // a new episode starts afresh
                harness.Episode(killed, Args, wall, kills: 3, () => Stored(killed));
                var got = Labels(killed);
                foreach (var level in new[] { Label.Low, Label.High })
                {
                    var (rows, distinct) = Count(killed, level);
                    Assert.Equal(selected, rows);
                    Assert.Equal(selected, distinct);
                    foreach (var (id, want) in expected[level])
                    {
                        var have = got[level][id];
                        worstEnergy = Math.Max(worstEnergy, Math.Abs(want.Energy!.Value - have.Energy!.Value));
                        for (int i = 0; i < want.Forces!.Length; i++) worstForce = Math.Max(worstForce, (want.Forces[i] - have.Forces![i]).Length);
                    }
                }
            }
            output.WriteLine($"label: {harness.Kills} kills; every episode ends with {selected} labels per level, each once; " +
                             $"largest difference from the uninterrupted run: energy {worstEnergy:G3} eV, force {worstForce:G3} eV/A");
            Assert.True(worstEnergy == 0 && worstForce == 0, $"labels differ from the uninterrupted run's by {worstEnergy} eV, {worstForce} eV/A");
        }
        finally
        {
            Directory.Delete(reference, true);
            Directory.Delete(killed, true);
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<long, Label>> Labels(string folder)
    {
        var store = new LabelStore(Path.Combine(folder, "labels.sqlite"), create: false);
        return new() { [Label.Low] = store.Get(Label.Low), [Label.High] = store.Get(Label.High) };
    }

    /// <summary>What a kill left: the labels stored so far (all complete), no store yet, or one killed while its
    /// tables were being made (each statement is idempotent, so the rerun completes it).</summary>
    private static string Stored(string folder)
    {
        if (!File.Exists(Path.Combine(folder, "labels.sqlite"))) return "no label store yet";
        Dictionary<string, IReadOnlyDictionary<long, Label>> labels;
        try { labels = Labels(folder); }
        catch (LabelStoreException e) { return $"label store killed while being created ({e.Problem})"; }
        Assert.All(labels.Values.SelectMany(l => l.Values), l => Assert.True(l.Satisfies(needForces: true)));
        return $"{labels[Label.Low].Count} low and {labels[Label.High].Count} high labels stored, all complete";
    }

    private static (long Rows, long Distinct) Count(string folder, string level)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(folder, "labels.sqlite")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*), COUNT(DISTINCT fragment_id) FROM labels WHERE level = $level";
        cmd.Parameters.AddWithValue("$level", level);
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetInt64(1));
    }
}
