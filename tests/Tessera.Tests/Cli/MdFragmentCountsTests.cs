using Tessera.Cli;
using Tessera.Core;
using Tessera.Data;
using Tessera.Descriptors;
using Tessera.Dynamics;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Tests.BadInput;
using Tessera.Potentials;
using Tessera.Tests.FragmentNetworks;
using Tessera.Tests.Fragments;

namespace Tessera.Tests.Cli;

/// <summary>`tessera md` with a fragment model: two waters flying apart through the cutoff give one graph change in
/// the log's cumulative column and in the summary, no hops; a resumed run continues the logged counts; a model
/// that is not a fragment model logs no such columns.</summary>
public class MdFragmentCountsTests
{
    private static readonly FragmentSettings Fragmentation = FragmentSettings.Create(1, 3.6, switchOn: 2.7);

    /// <summary>A tiny direct (not delta) fragment model trained on toy-labelled protonated clusters (with
    /// <paramref name="settings"/>, default <see cref="Fragmentation"/>).</summary>
    internal static void WriteModel(string path, FragmentSettings? settings = null)
    {
        var fragmentation = settings ?? Fragmentation;
        var frames = ToyDeltaData.Frames(3, 4, fragmentation, 7, forces: false);
        foreach (var f in frames)
        {
            f.Info.Remove(DatasetBuilder.LowEnergyKey);
            f.Info.Remove(DatasetBuilder.DeltaKey);
        }
        var result = FragmentTrainer.Train(frames, fragmentation, FragmentDescriptorSettings.PairDistances,
            FragmentTrainingSettings.Create(hidden: [4], ensemble: 1, epochs: 3, seed: 3, maxParallelism: 1));
        FragmentModelFile.Write(path, result.Model);
    }

    /// <summary>A water dimer, oxygens 3.3 A apart (an edge in the switching region), the waters flying apart along x
    /// at 0.03 A/fs each: O-O passes r_off = 3.6 A after about 5 fs (10 steps of 0.5 fs).</summary>
    private static void WriteInput(string path)
    {
        var s = new Structure([8, 1, 1, 8, 1, 1],
        [
            new(0, 0, 0), new(-0.55, 0.78, 0), new(-0.55, -0.78, 0),
            new(3.3, 0, 0), new(3.85, 0.3, 0.72), new(3.85, -0.3, -0.72),
        ]);
        s.Arrays[MdSnapshot.VelocitiesKey] = PerAtomArray.Vectors([.. Enumerable.Range(0, 6).Select(i => new Vec3(i < 3 ? -0.03 : 0.03, 0, 0))]);
        StructureFile.Write(path, [s], StructureFile.ExtXyzFormat);
    }

    private static string[][] Rows(string log) =>
        [.. File.ReadLines(log).Where(l => !l.StartsWith('#')).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    /// <summary>Console text with its line wrapping undone.</summary>
    private static string Words(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void A_fragment_run_logs_and_summarises_hops_and_graph_changes_and_a_resume_continues_them()
    {
        string folder = Data.Temp.Folder();
        try
        {
            WriteModel(Path.Combine(folder, "model.json"));
            WriteInput(Path.Combine(folder, "in.extxyz"));
            string[] args = ["md", "in.extxyz", "-m", "model.json", "-n", "20", "--timestep", "0.5", "--trajectory-every", "20"];
            var o = CliProcess.Run(folder, args);
            Assert.True(o.ExitCode == 0, o.Stderr + o.Stdout);
            string log = Path.Combine(folder, "md.log");
            var header = File.ReadLines(log).First().Split(' ');
            Assert.Equal(["hops_total", "graph_changes_total", "switching_edges"], header[^3..]);
            var rows = Rows(log);
            Assert.Equal(21, rows.Length);
            Assert.All(rows, r => Assert.Equal(header.Length - 1, r.Length));
            Assert.Equal(["0", "0", "1"], rows[0][^3..]); // the edge starts inside the switching region
            Assert.Equal(["0", "1", "0"], rows[^1][^3..]); // and has left the graph
            // The count steps up once, at the step where the edge stops switching (it left r_off).
            var steps = Enumerable.Range(1, rows.Length - 1).Where(i => rows[i][^2] != rows[i - 1][^2]).ToArray();
            Assert.Equal(steps, Enumerable.Range(1, rows.Length - 1).Where(i => rows[i][^1] != rows[i - 1][^1]).ToArray());
            Assert.Single(steps);
            Assert.Contains("Fragments: 0 proton hops, 1 graph change, 0 edges switching now", Words(o.Stdout));

            // Resumed to step 30: the counts go on from the log's last row, the summary says so.
            args[5] = "30";
            var resumed = CliProcess.Run(folder, [.. args, "--resume"]);
            Assert.True(resumed.ExitCode == 0, resumed.Stderr + resumed.Stdout);
            rows = Rows(log);
            Assert.Equal(31, rows.Length);
            Assert.Equal(["0", "1", "0"], rows[^1][^3..]);
            Assert.Contains("Fragments: 0 proton hops, 1 graph change, 0 edges switching now; counts continue the log's at step 20", Words(resumed.Stdout));
        }
        finally { Directory.Delete(folder, true); }
    }

    /// <summary>Hops are dated by MD step (one force call per step); a resumed run does not count again the net change
    /// from the structure its trajectory began from, which the log's counts already hold.</summary>
    [Fact]
    public void Hops_are_listed_by_step_and_a_resumed_run_counts_only_its_own()
    {
        var pure = new FragmentPotential(new HarmonicTestPotential(0.005), null, FragmentSettings.Create(1, 3.0));
        var fresh = new FragmentTrajectory(pure);
        var counts = new MdFragmentCounts(fresh, 100, null, resumed: false);
        foreach (double t in new[] { 0.40, 0.45, 0.60 }) fresh.Compute(GraphChangeTrackerTests.Hop(t), Needs.Energy);
        Assert.Equal("Fragments: 1 proton hop (step 102), 0 graph changes, 0 edges switching now", counts.Summary());

        var resumed = (FragmentTrajectory)FragmentTrajectory.For(pure, () => GraphChangeTrackerTests.Hop(0.40));
        counts = new MdFragmentCounts(resumed, 102, (1, 0), resumed: true);
        resumed.Compute(GraphChangeTrackerTests.Hop(0.60), Needs.Energy); // step 102 again: its hop is in the log's count
        Assert.Equal(1, counts.Hops);
        resumed.Compute(GraphChangeTrackerTests.Hop(0.40), Needs.Energy); // step 103: hops back
        Assert.Equal("Fragments: 2 proton hops (this run: step 103), 0 graph changes, 0 edges switching now; counts continue the log's at step 102",
                     counts.Summary());
    }

    [Fact]
    public void A_model_that_is_not_a_fragment_model_logs_no_counts()
    {
        string folder = Data.Temp.Folder();
        try
        {
            WriteInput(Path.Combine(folder, "in.extxyz"));
            var o = CliProcess.Run(folder, ["md", "in.extxyz", "-m", SharedData.Path("n2p2", "H2O_RPBE-D3"), "-n", "2"]);
            Assert.True(o.ExitCode == 0, o.Stderr + o.Stdout);
            Assert.DoesNotContain("hops", File.ReadLines(Path.Combine(folder, "md.log")).First());
            Assert.DoesNotContain("Fragments:", o.Stdout);
        }
        finally { Directory.Delete(folder, true); }
    }
}
