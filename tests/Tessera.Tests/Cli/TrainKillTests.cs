using Tessera.FragmentNetworks;
using Tessera.IO;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Tests.BadInput;
using Tessera.Tests.Data;
using Tessera.Tests.Potentials.BehlerParrinello;
using Xunit.Abstractions;

namespace Tessera.Tests.Cli;

/// <summary>`tessera train` after SIGKILLs at random moments: the model name is either absent or holds a complete,
/// loadable model with finite weights (never a half-written file or a folder mixing epochs), and the rerun's model
/// equals an uninterrupted run's weight for weight. Fragment training reruns with --resume, so it continues from the
/// checkpoint the killed run left (written after every epoch here); bpnn training has no resume and trains again from its seed.</summary>
[Collection(ConsoleCollection.Name)]
public class TrainKillTests(ITestOutputHelper output)
{
    [Fact]
    public void Killed_fragment_training_never_leaves_a_corrupt_model()
    {
        string[] args = ["train", "fragments", "data.extxyz", "-o", "model.json", "--epochs", "40", "--ensemble", "2", "--hidden", "8",
                         "--optimizer", "adam", "--jobs", "1", "--resume", "--checkpoint-interval", "0"];
        var data = StructureFile.Read(BadInputRunner.RepoPath("data/w6/w6-dataset.extxyz.gz")).Take(40).ToList();
        int resumed = 0;
        Run("train fragments", 505, args, dir => StructureFile.Write(Path.Combine(dir, "data.extxyz"), data), "model.json",
            path => FragmentModelFile.Read(path).Types.SelectMany(t => t.Members).Select(m => m.Parameters).ToList(),
            (dir, stdout) =>
            {
                resumed += stdout.Contains("Resuming from the checkpoint") ? 1 : 0;
                Assert.False(File.Exists(Path.Combine(dir, "model.checkpoint")), "the checkpoint outlived the model it was for");
            });
        Assert.True(resumed > 0, "no rerun resumed from a checkpoint");
    }

    [Fact]
    public void Killed_bpnn_training_never_leaves_a_corrupt_model()
    {
        string[] args = ["train", "bpnn", "data.extxyz", "-o", "model", "--epochs", "40", "--hidden", "6", "--cutoff", "5", "--batch", "4"];
        var data = BpnnTrainingTests.ToyData(24, 9);
        Run("train bpnn", 606, args, dir => StructureFile.Write(Path.Combine(dir, "data.extxyz"), data), "model",
            path =>
            {
                Assert.True(File.Exists(Path.Combine(path, "learning_curve.csv")), "the model folder lacks its learning curve");
                return BpnnEnsemble.Load(path).Members.SelectMany(m => m.Model.Elements.Select(e => e.Network.Parameters)).ToList();
            });
    }

    /// <summary>Kill episodes of <paramref name="args"/>; <paramref name="weights"/> loads a model (throwing if it is
    /// not a complete one) and returns its weights; <paramref name="completed"/> sees the folder and output of each completed rerun.</summary>
    private void Run(string name, int seed, string[] args, Action<string> prepare, string model, Func<string, List<double[]>> weights,
                     Action<string, string>? completed = null)
    {
        string reference = Temp.Folder(), killed = Temp.Folder();
        try
        {
            prepare(reference);
            prepare(killed);
            var harness = new KillHarness(output, name, seed);
            double wall = harness.Uninterrupted(reference, args);
            var expected = weights(Path.Combine(reference, model));
            string target = Path.Combine(killed, model);
            while (harness.Kills < 3)
            {
                if (File.Exists(target)) File.Delete(target);
                if (Directory.Exists(target)) Directory.Delete(target, true);
                string stdout = harness.Episode(killed, args, wall, kills: 2, () =>
                {
                    if (!File.Exists(target) && !Directory.Exists(target)) return "no model under the final name";
                    var w = weights(target);
                    Assert.All(w, p => Assert.All(p, x => Assert.True(double.IsFinite(x))));
                    return "a complete model under the final name (loads, finite weights)";
                });
                completed?.Invoke(killed, stdout);
                var got = weights(target);
                Assert.Equal(expected.Count, got.Count);
                for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], got[i]);
            }
            output.WriteLine($"{name}: {harness.Kills} kills; never a partial model under the final name; every rerun's weights equal the uninterrupted run's");
        }
        finally
        {
            Directory.Delete(reference, true);
            Directory.Delete(killed, true);
        }
    }
}
