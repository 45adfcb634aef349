using System.CommandLine;
using Tessera.Cli;
using Tessera.FragmentNetworks;
using Tessera.IO;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Tests.BadInput;
using Tessera.Tests.IO;
using Tessera.Tests.Potentials.BehlerParrinello;

namespace Tessera.Tests.Cli;

/// <summary>`tessera train --config FILE`: the file sets options, flags override it, bad keys and values are refused
/// with the file's line and key, and the resolved configuration travels with the model.</summary>
[Collection(ConsoleCollection.Name)]
public class TrainConfigTests
{
    private const string Config = "# a small run\nepochs: 7\nhidden: [8, 4]\noptimizer: adam\nforce_weight: 0.25\n";

    /// <summary>Parses `train SUBCOMMAND args` (nothing runs) and resolves it against its config option.</summary>
    private static TrainConfig Resolve(params string[] args)
    {
        var pr = new TrainCommand().Build().Parse(args);
        Assert.Empty(pr.Errors);
        var config = pr.CommandResult.Command.Options.OfType<Option<string?>>().Single(o => o.Name == "--config");
        return TrainConfig.Resolve(pr, config);
    }

    [Fact]
    public void Values_come_from_the_file_alone()
    {
        using var t = new TempDir();
        var r = Resolve("fragments", "--config", t.Write("train.yaml", Config), "data.extxyz");
        Assert.Equal("7", r.Options["epochs"]);
        Assert.Equal("8,4", r.Options["hidden"]);
        Assert.Equal("adam", r.Options["optimizer"]);
        Assert.Equal("0.25", r.Options["force_weight"]);
        Assert.Equal(TrainingConfigRecord.File, r.Sources["epochs"]);
        Assert.Equal(TrainingConfigRecord.Default, r.Sources["batch"]);
        Assert.Equal("16", r.Options["batch"]);
        var yes = Resolve("fragments", "--config", t.Write("yes.yaml", "allow_level_mismatch: True\nlow: xtb:gfn2\n"), "data.extxyz");
        Assert.Equal(("true", "xtb:gfn2"), (yes.Options["allow_level_mismatch"], yes.Options["low"]));
    }

    [Fact]
    public void A_flag_overrides_the_file()
    {
        using var t = new TempDir();
        var r = Resolve("fragments", "--config", t.Write("train.yaml", Config), "data.extxyz", "--epochs", "3");
        Assert.Equal("3", r.Options["epochs"]);
        Assert.Equal(TrainingConfigRecord.Flag, r.Sources["epochs"]);
        Assert.Equal("8,4", r.Options["hidden"]);
        var bpnn = Resolve("bpnn", "--config", t.Write("b.yaml", "output: model\ncutoff: 4.5\nlr_decay: 0.9\n"), "data.extxyz", "--cutoff", "5");
        Assert.Equal(("model", "5", "0.9"), (bpnn.Options["output"], bpnn.Options["cutoff"], bpnn.Options["lr_decay"]));
    }

    [Fact]
    public void An_unknown_key_is_refused_with_its_line_and_the_valid_keys()
    {
        using var t = new TempDir();
        var path = t.Write("train.yaml", "epochs: 5\n\nepoch: 5\n");
        var e = Assert.Throws<FileFormatException>(() => Resolve("fragments", "--config", path, "data.extxyz"));
        Assert.Equal(3, e.Line);
        Assert.Contains("train.yaml:3:", e.Message);
        Assert.Contains("unknown key 'epoch'", e.Message);
        Assert.Contains("valid keys: activation,", e.Message);
        Assert.Contains("epochs", e.Problem);
    }

    [Theory]
    [InlineData("epochs: many\n", 1, "'epochs' must be an integer")]
    [InlineData("seed: 1\nlr: fast\n", 2, "'lr' must be a number")]
    [InlineData("allow_level_mismatch: yes please\n", 1, "'allow_level_mismatch' must be true or false")]
    [InlineData("epochs:\n  - 1\n", 2, "'epochs' must be a single value")]
    public void A_value_of_the_wrong_type_is_refused_with_its_line_and_key(string yaml, int line, string message)
    {
        using var t = new TempDir();
        var e = Assert.Throws<FileFormatException>(() => Resolve("fragments", "--config", t.Write("train.yaml", yaml), "data.extxyz"));
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_value_out_of_range_is_refused_by_the_flags_own_check_naming_the_file()
    {
        using var t = new TempDir();
        var e = Assert.Throws<ArgumentException>(() => Resolve("bpnn", "--config", t.Write("train.yaml", "seed: 2\nepochs: 0\n"), "data.extxyz"));
        Assert.Contains("train.yaml:2: 'epochs': --epochs must be at least 1, got 0.", e.Message);
    }

    [Fact]
    public void The_record_round_trips_through_a_fragment_model_and_old_models_still_read()
    {
        using var t = new TempDir();
        var old = FragmentModelFile.Read(BadInputRunner.RepoPath("tests/Tessera.Tests/FragmentNetworks/Fixtures/w6-tiny-v1.json"));
        Assert.Null(old.TrainingConfig);
        var data = t.Write("data.extxyz", "fragments");
        var record = Resolve("fragments", "--config", t.Write("train.yaml", Config), data, "--seed", "5").Record("train fragments", [data], 5);
        Assert.Equal(64, record.Data[0].Sha256.Length);
        FragmentModelFile.Write(t.File("m.json"), old.WithTrainingConfig(record));
        var back = FragmentModelFile.Read(t.File("m.json")).TrainingConfig!;
        Assert.True(record.SameAs(back));
        Assert.Equal(("train.yaml", "5", "flag"), (back.ConfigFile, back.Options["seed"], back.Sources["seed"]));
        Assert.Equal(DataFileRecord.Of(data), back.Data.Single());
        record.WriteToFolder(t.Dir);
        Assert.True(record.SameAs(TrainingConfigRecord.ReadFromFolder(t.Dir)!));
    }

    [Fact]
    public void Cli_trains_from_a_config_file_and_stores_it_in_the_model()
    {
        using var t = new TempDir();
        StructureFile.Write(t.File("data.extxyz"), StructureFile.Read(BadInputRunner.RepoPath("data/w6/w6-dataset.extxyz.gz")).Take(30).ToList());
        File.WriteAllText(t.File("train.yaml"), "epochs: 50\nensemble: 1\nhidden: [6]\noptimizer: adam\njobs: 1\n");
        // No COLUMNS: off a terminal the summary table takes its natural width ("best epochs" on one line, not cut at 80).
        var o = CliProcess.Run(t.Dir, ["train", "fragments", "--config", "train.yaml", "data.extxyz", "-o", "m.json", "--epochs", "2"],
                               env: new Dictionary<string, string> { ["COLUMNS"] = "" });
        Assert.True(o.ExitCode == 0, o.Stderr);
        Assert.Contains("│ best epochs │ valid MAE │ test MAE │ test RMSE │", o.Stdout);
        var model = FragmentModelFile.Read(t.File("m.json"));
        Assert.Equal([6, 1], model.Types.First().Members[0].LayerSizes.Skip(1));
        Assert.Equal(2, model.Training!.Settings.Epochs);
        var c = model.TrainingConfig!;
        Assert.Equal(("2", "flag", "6", "file"), (c.Options["epochs"], c.Sources["epochs"], c.Options["hidden"], c.Sources["hidden"]));
        Assert.Equal(DataFileRecord.Of(t.File("data.extxyz")), c.Data.Single());
        Assert.Equal(DataFileRecord.Of(t.File("train.yaml")).Sha256, c.ConfigSha256);
        Assert.Contains("--config train.yaml", c.CommandLine);

        File.WriteAllText(t.File("bad.yaml"), "epochs: 2\nhiden: [6]\n");
        var bad = CliProcess.Run(t.Dir, ["train", "fragments", "--config", "bad.yaml", "data.extxyz", "-o", "bad.json"]);
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("error: bad.yaml:2: unknown key 'hiden'", bad.Stderr);
        Assert.Single(bad.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(t.File("bad.json")));
    }

    [Fact]
    public void Cli_bpnn_takes_its_output_folder_from_the_file_and_keeps_the_record_there()
    {
        using var t = new TempDir();
        StructureFile.Write(t.File("data.extxyz"), BpnnTrainingTests.ToyData(12, 9));
        File.WriteAllText(t.File("bpnn.yaml"), "output: model\nepochs: 2\nhidden: [4]\ncutoff: 5.0\nbatch: 4\nensemble: 2\n");
        var o = CliProcess.Run(t.Dir, ["train", "bpnn", "-c", "bpnn.yaml", "data.extxyz"]);
        Assert.True(o.ExitCode == 0, o.Stderr);
        Assert.Matches(@"member 2/2: epoch 2/2: train E .* meV/atom .*, elapsed 0:00:\d\d", o.Stdout); // progress lines off a terminal
        var c = TrainingConfigRecord.ReadFromFolder(t.File("model"))!;
        Assert.Equal(("train bpnn", "5", "file", "1"), (c.Command, c.Options["cutoff"], c.Sources["cutoff"], c.Options["seed"]));
        Assert.Equal(2, BpnnEnsemble.Load(t.File("model")).Members.Count); // the record beside the n2p2 files does not disturb loading
    }
}
