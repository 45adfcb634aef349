using Tessera.Cli;
using Tessera.Core;
using Tessera.Data;
using Tessera.Engines;
using Tessera.IO;

namespace Tessera.Tests.Data;

/// <summary>The pipeline through its commands: select (reproducible by seed), label with real xtb (resumable),
/// dataset (round trip through StructureFile), and clear errors for broken files.</summary>
[Collection(ConsoleCollection.Name)]
public class PipelineCommandTests
{
    private static string WritePool(string folder, int frames)
    {
        var path = Path.Combine(folder, "pool.extxyz.gz");
        FragmentPool.Write(path, TestPools.Water(frames));
        return path;
    }

    [Fact]
    public void Select_command_tessellates_in_the_network_descriptor_when_asked()
    {
        var folder = Temp.Folder();
        var pool = WritePool(folder, 30);
        string pairsPath = Path.Combine(folder, "pairs.json"), networkPath = Path.Combine(folder, "network.json");
        Assert.Equal(0, SelectCommand.Run(pool, 0.2, 3, pairsPath, false));
        Assert.Equal(0, SelectCommand.Run(pool, 0.2, 3, networkPath, false, networkDescriptor: true));
        var pairs = SelectionFile.Read(pairsPath);
        var network = SelectionFile.Read(networkPath);
        Assert.Equal(Tessera.Descriptors.FragmentDescriptorSettings.PairDistances, pairs.Settings.Descriptor);
        Assert.Equal(Tessera.Descriptors.FragmentDescriptorSettings.Default, network.Settings.Descriptor);
        foreach (var t in network.Types)  // the angular blocks make the space larger; the cell count stays the fraction's
        {
            var p = pairs.ForType(t.Type)!.Tessellation;
            Assert.True(t.Tessellation.Dimension > p.Dimension, $"{t.Type}: {t.Tessellation.Dimension} <= {p.Dimension}");
            Assert.Equal(p.Cells, t.Tessellation.Cells);
        }
        Assert.NotEqual(pairs.ChosenIds(), network.ChosenIds());
    }

    [Fact]
    public void Select_command_is_reproducible_by_seed()
    {
        var folder = Temp.Folder();
        var pool = WritePool(folder, 40);
        string Sel(string name, int seed, bool random = false)
        {
            var path = Path.Combine(folder, name);
            Assert.Equal(0, SelectCommand.Run(pool, 0.1, seed, path, random));
            return path;
        }
        var a = SelectionFile.Read(Sel("a.json", 11));
        var b = SelectionFile.Read(Sel("b.json.gz", 11)); // gzip by name, same content
        var c = SelectionFile.Read(Sel("c.json", 12));
        var r = SelectionFile.Read(Sel("r.json", 11, random: true));
        Assert.Equal(a.SelectedIds(), b.SelectedIds());
        Assert.Equal(a.Types.Select(t => t.Tessellation.Centroids), b.Types.Select(t => t.Tessellation.Centroids));
        Assert.NotEqual(a.SelectedIds(), c.SelectedIds());
        Assert.Equal(a.ChosenIds().Length, r.ChosenIds().Length);
        Assert.Equal(12, a.ChosenIds().Length); // round(0.1 * 80) monomers + round(0.1 * 40) dimers
        Assert.Subset(a.SelectedIds().ToHashSet(), a.ChosenIds().ToHashSet()); // plus the dimers' monomers (faces)
        Assert.Equal(0x1f, File.ReadAllBytes(Path.Combine(folder, "b.json.gz"))[0]); // really compressed
    }

    [Fact]
    public void Label_with_xtb_resumes_and_dataset_round_trips()
    {
        var folder = Temp.Folder();
        var pool = WritePool(folder, 2);
        var selection = Path.Combine(folder, "selection.json");
        Assert.Equal(0, SelectCommand.Run(pool, 1.0, 0, selection, false));
        var options = new LabelOptions(pool, selection, "xtb:gfn2", "xtb:gfn1", Gradients: true, Chunk: 4);
        Assert.Equal(0, LabelCommand.Run(options));
        var labelsPath = Path.Combine(folder, "labels.sqlite");
        var store = new LabelStore(labelsPath);
        var first = store.Get(Label.Low).Values.Concat(store.Get(Label.High).Values).ToArray();
        Assert.Equal(12, first.Length);
        Assert.All(first, l => Assert.True(l.Satisfies(needForces: true), l.Error));
        long cached = new ResultCache(labelsPath).Count;

        // A second run finds everything stored: no new results, labels untouched.
        Assert.Equal(0, LabelCommand.Run(options));
        Assert.Equal(cached, new ResultCache(labelsPath).Count);
        var again = store.Get(Label.Low).Values.Concat(store.Get(Label.High).Values).ToArray();
        Assert.Equal(first.Select(l => l.CreatedUtc).Order(), again.Select(l => l.CreatedUtc).Order());

        var output = Path.Combine(folder, "dataset.extxyz.gz");
        Assert.Equal(0, DatasetCommand.Run(pool, selection, null, output));
        var frames = StructureFile.ReadAll(output);
        Assert.Equal(6, frames.Count);
        var low = store.Get(Label.Low);
        var high = store.Get(Label.High);
        foreach (var s in frames)
        {
            long id = (long)s.Info[FragmentSchema.IdKey];
            Assert.Equal(low[id].Energy, (double)s.Info[DatasetBuilder.LowEnergyKey]);
            Assert.Equal(high[id].Energy, (double)s.Info[DatasetBuilder.HighEnergyKey]);
            Assert.Equal(high[id].Energy - low[id].Energy, (double)s.Info[DatasetBuilder.DeltaKey]);
            Assert.Equal(low[id].Forces, s.Arrays[DatasetBuilder.LowForcesArray].AsVectors());
            Assert.Equal(high[id].Forces, s.Arrays[DatasetBuilder.HighForcesArray].AsVectors());
            Assert.Contains((string)s.Info[FragmentSchema.TypeKey], new[] { TestPools.Monomer, TestPools.Dimer });
            Assert.True(s.Info.ContainsKey(FragmentSchema.SourceFrameKey) && s.Info.ContainsKey(FragmentSchema.RankKey));
            Assert.StartsWith("xtb ", (string)s.Info["low_engine"]);
            Assert.Contains("gfn1", (string)s.Info["high_engine"]);
            Assert.All(new[] { "tessera_version", "command", "created" }, k => Assert.True(s.Info.ContainsKey(k), k));
            // Physical check independent of the bookkeeping: xtb forces of an isolated fragment sum to zero.
            var total = s.Arrays[DatasetBuilder.LowForcesArray].AsVectors().Aggregate(Vec3.Zero, (a, b) => a + b);
            Assert.True(total.Length < 1e-4, $"net force {total.Length}");
            // A water monomer at GFN2 is about -5.07 Hartree.
            if (s.Count == 3) Assert.InRange((double)s.Info[DatasetBuilder.LowEnergyKey] / Units.Hartree, -5.2, -4.9);
        }
    }

    [Theory]
    [InlineData("pool")]
    [InlineData("selection")]
    [InlineData("cache")]
    [InlineData("labels")]
    public void Broken_input_file_gives_an_error_naming_it(string which)
    {
        var folder = Temp.Folder();
        var pool = WritePool(folder, 10);
        var selection = Path.Combine(folder, "selection.json");
        Assert.Equal(0, SelectCommand.Run(pool, 0.2, 0, selection, false));
        var labels = Path.Combine(folder, "labels.sqlite");
        var cache = Path.Combine(folder, "cache.sqlite");
        var broken = which switch { "pool" => pool, "selection" => selection, "cache" => cache, _ => labels };
        if (File.Exists(broken)) File.WriteAllBytes(broken, File.ReadAllBytes(broken)[..200]);
        else File.WriteAllText(broken, new string('#', 5000));
        var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        int code;
        try
        {
            code = which == "labels"
                ? DatasetCommand.Run(pool, selection, labels, Path.Combine(folder, "d.extxyz"))
                : LabelCommand.Run(new LabelOptions(pool, selection, "xtb:gfn2", null, Labels: labels, Cache: cache));
        }
        finally { Console.SetError(old); }
        Assert.Equal(1, code);
        Assert.StartsWith("error: ", err.ToString());
        Assert.Contains(Path.GetFileName(broken), err.ToString());
    }
}

public class SelectAcrossProcessesTests
{
    /// <summary>Two separate `tessera select` processes with one seed give one selection (in-process checks miss
    /// per-process randomisation such as string or HashCode hashing).</summary>
    [Fact]
    public void Select_in_two_processes_gives_the_same_selection()
    {
        var folder = Temp.Folder();
        var pool = Path.Combine(folder, "pool.extxyz.gz");
        FragmentPool.Write(pool, TestPools.Water(60));
        long[] Select(string name)
        {
            var output = Path.Combine(folder, name);
            var command = BadInput.CliProcess.Command;
            var info = new System.Diagnostics.ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in (string[])[.. command.Skip(1), "select", pool, "--fraction", "0.1", "--seed", "5", "-o", output]) info.ArgumentList.Add(a);
            using var p = System.Diagnostics.Process.Start(info)!;
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, err.Result);
            return SelectionFile.Read(output).SelectedIds();
        }
        Assert.Equal(Select("a.json"), Select("b.json"));
    }
}
