using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core;
using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Networks;

namespace Tessera.Cli;

/// <summary><c>tessera train fragments DATASET [-o model.json]</c>: fragment networks (delta learning when the data has
/// both levels) with ensembles, early stopping and a held-out test set. Other model families add a subcommand here.</summary>
public sealed class TrainCommand : ICliCommand
{
    private static readonly string[] ProvenanceKeys =
        ["low_engine", "high_engine", "selection_method", "selection_seed", "tessera_version", "command", "pool_file",
         "selection_file", "labels_file", "created", "fragmentation"];

    public Command Build()
    {
        var cmd = new Command("train", "Train a model on a labelled data set");
        cmd.Subcommands.Add(Fragments());
        cmd.Subcommands.Add(new TrainBpnnCommand().Build());
        return cmd;
    }

    private static Command Fragments()
    {
        var data = new Argument<string[]>("datasets") { Description = "Labelled fragments (extxyz[.gz], from 'tessera dataset'); several files are trained on together (the fragmentation record is the first file's)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Model file (JSON)", DefaultValueFactory = _ => "fragment-model.json" };
        var fragments = new Option<string?>("--fragments") { Description = "Fragmentation, e.g. 'rank=3,cutoff=4.5,on=4.0' (default: the data set's 'fragmentation' record)" };
        var low = new Option<string?>("--low") { Description = "Low-level engine the corrections go with, e.g. xtb-native:gfn2 (recorded in the model)" };
        var hidden = new Option<string>("--hidden") { Description = "Hidden layer widths", DefaultValueFactory = _ => "16,16" };
        var activation = new Option<string>("--activation") { Description = "Hidden activation (n2p2 code: t tanh, p softplus, s logistic, ...)", DefaultValueFactory = _ => "t" };
        var ensemble = new Option<int>("--ensemble") { Description = "Networks per fragment type", DefaultValueFactory = _ => 2 }.AtLeast(1);
        var epochs = new Option<int>("--epochs") { Description = "Largest number of epochs (L-BFGS: iterations)", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var batch = new Option<int>("--batch") { Description = "Mini-batch size", DefaultValueFactory = _ => 16 }.AtLeast(1);
        var lr = new Option<double>("--lr") { Description = "Initial Adam learning rate (L-BFGS: scale of its first step)", DefaultValueFactory = _ => 1e-3 }.Positive();
        var optimizer = TrainingOptions.Optimizer("lbfgs");
        var patience = TrainingOptions.Patience(100);
        var memory = TrainingOptions.LbfgsMemory();
        var forceWeight = new Option<double>("--force-weight") { Description = "Force-loss weight when the data has forces (0: energies only)", DefaultValueFactory = _ => 0.1 }.AtLeast(0.0);
        var validation = new Option<double>("--validation") { Description = "Validation fraction per type", DefaultValueFactory = _ => 0.1 }.Between(0.0, 0.9);
        var test = new Option<double>("--test") { Description = "Held-out test fraction per type", DefaultValueFactory = _ => 0.1 }.Between(0.0, 0.9);
        var seed = new Option<int>("--seed", "-s") { Description = "Seed of split, weights and batches", DefaultValueFactory = _ => 1 };
        var testOut = new Option<string?>("--test-out") { Description = "Held-out test fragments (default: MODEL.test.extxyz)" };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Networks trained at once (default: processors)" }.AtLeast(1);
        var allow = new Option<bool>(LevelGuard.Option) { Description = "Train even when --low is not the data set's low level" };
        var target = new Option<string>("--target") { Description = "What each network learns: increment (the fragment's many-body increment; needs the faces that 'tessera select' adds) or energy (the fragment's whole delta energy)", DefaultValueFactory = _ => "increment" }.OneOf("increment", "energy");
        var init = new Option<string?>("--init") { Description = "Continue from this fragment model (refinement, e.g. W6 -> W21): its types keep descriptor, scaling and weights and train on; new types get new networks; types the data lacks are kept as they are. Pass the model's old data too (replay) so it does not forget" };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint next to --output (MODEL.checkpoint) that a killed or cancelled run with the same options and data left; the model is the one an uninterrupted run gives. Without a checkpoint, training starts from the beginning" };
        var interval = new Option<double>("--checkpoint-interval") { Description = "Seconds between checkpoints of every network's training state (0: after every epoch)", DefaultValueFactory = _ => 60.0 }.AtLeast(0.0);
        var config = TrainConfig.ConfigOption();
        var cmd = new Command("fragments", "Train fragment networks (one ensemble per fragment type) on a labelled fragment data set");
        cmd.Arguments.Add(data);
        foreach (var o in new Option[] { config, output, fragments, low, hidden, activation, ensemble, epochs, batch, lr, optimizer, memory, patience, forceWeight, validation, test, seed, testOut, jobs, allow, target, init, resume, interval })
            cmd.Options.Add(o);
        cmd.SetAction((given, ct) => Task.FromResult(PipelineCli.Guarded(() =>
        {
            var resolved = TrainConfig.Resolve(given, config);
            var pr = resolved.Values;
            return resolved.Run(() =>
            {
                if (pr.GetValue(validation) + pr.GetValue(test) > 0.9)
                    throw new ArgumentException($"--validation {pr.GetValue(validation)} and --test {pr.GetValue(test)} together must leave at least 10% of each type for training.");
                var settings = FragmentTrainingSettings.Create(CliOptions.IntList("--hidden", pr.GetValue(hidden)!, 1),
                    CliOptions.Parse("--activation", pr.GetValue(activation)!, Activations.FromCode),
                    pr.GetValue(ensemble), pr.GetValue(epochs), pr.GetValue(batch), pr.GetValue(lr), patience: pr.GetValue(patience),
                    forceWeight: pr.GetValue(forceWeight), validationFraction: pr.GetValue(validation), testFraction: pr.GetValue(test),
                    seed: pr.GetValue(seed), maxParallelism: pr.GetValue(jobs),
                    optimizer: TrainingOptions.OptimizerOf(pr.GetValue(optimizer)!), lbfgsMemory: pr.GetValue(memory),
                    target: pr.GetValue(target) == "energy" ? FragmentTarget.Energy : FragmentTarget.Increment);
                return Run(pr.GetValue(data)!, pr.GetValue(output)!, pr.GetValue(fragments), pr.GetValue(low), settings, pr.GetValue(testOut), ct,
                           pr.GetValue(allow), () => resolved.Record("train fragments", pr.GetValue(data)!, pr.GetValue(seed)), pr.GetValue(init),
                           new CheckpointOptions(pr.GetValue(resume), TimeSpan.FromSeconds(pr.GetValue(interval))));
            });
        })));
        return cmd;
    }

    public static int Run(string dataPath, string output, string? fragmentText, string? low, FragmentTrainingSettings settings, string? testOut,
                          CancellationToken ct = default, bool allowLevelMismatch = false) =>
        Run([dataPath], output, fragmentText, low, settings, testOut, ct, allowLevelMismatch);

    /// <summary>Whether to resume from the checkpoint next to the output, and how often to write it.</summary>
    public sealed record CheckpointOptions(bool Resume, TimeSpan Interval);

    /// <summary>The checkpoint of a run writing <paramref name="output"/>: MODEL.checkpoint beside it.</summary>
    public static string CheckpointPath(string output) => Path.ChangeExtension(output, null) + ".checkpoint";

    /// <param name="config">The resolved configuration to store in the model, made once the data files have been read
    /// (it hashes them; a missing file is the reader's error).</param>
    /// <param name="checkpointing">Checkpoints beside the output (default: every minute, no resume); removed once the model is written.</param>
    public static int Run(IReadOnlyList<string> dataPaths, string output, string? fragmentText, string? low, FragmentTrainingSettings settings,
                          string? testOut, CancellationToken ct = default, bool allowLevelMismatch = false, Func<TrainingConfigRecord>? config = null,
                          string? init = null, CheckpointOptions? checkpointing = null)
    {
        var start = init is null ? null : FragmentModelFile.Read(init);
        var frames = new List<Structure>();
        foreach (var path in dataPaths) frames.AddRange(ReadDataset(path, low, allowLevelMismatch));
        string dataPath = string.Join(" + ", dataPaths);
        fragmentText ??= frames[0].Info.TryGetValue("fragmentation", out var f) ? f as string : null;
        var fragmentation = CliOptions.Parse("--fragments", fragmentText ?? throw new ArgumentException(
            $"'{dataPath}' does not record its fragmentation: give --fragments 'rank=R,cutoff=C[,on=...]' as used to build the pool."), FragmentSettings.Parse);
        var provenance = Provenance(dataPaths, frames);
        int total = settings.Epochs * settings.Ensemble * frames.Select(FragmentSchema.Type).Distinct().Count();
        Console.WriteLine($"Training on {frames.Count} fragments of {dataPath} ({fragmentation})" + (init is null ? "" : $", continuing from {init}"));
        var checkpoints = Checkpoints(output, checkpointing ?? new CheckpointOptions(false, TimeSpan.FromMinutes(1)));
        FragmentTrainingResult Train(IProgress<FragmentTrainingProgress> progress) =>
            FragmentTrainer.Train(frames, fragmentation, start?.DescriptorSettings ?? FragmentDescriptorSettings.Default, settings, low, provenance,
                                  progress, ct, start, checkpoints);
        FragmentTrainingResult result;
        if (Console.IsOutputRedirected)
            using (var lines = new ProgressLines<FragmentTrainingProgress>("training", Describe)) result = Train(lines);
        else
            result = CliProgress.Run("Training", total, progress => Train(new CliCommon.Immediate<FragmentTrainingProgress>(p => progress.Report((int)p.EpochsDone))));
        TrainingDivergedException.RequireFiniteWeights(result.Model.Types.SelectMany(t => t.Members), output);
        FragmentModelFile.Write(output, config is null ? result.Model : result.Model.WithTrainingConfig(config()));
        checkpoints.Delete();
        testOut ??= Path.ChangeExtension(output, null) + ".test.extxyz";
        if (result.TestFrames.Count > 0) StructureFile.Write(testOut, result.TestFrames, StructureFile.ExtXyzFormat);
        PrintSummary(result.Model);
        if (result.Model.Training!.MissingFaces > 0)
            Console.WriteLine($"{result.Model.Training.MissingFaces} of {frames.Count} fragments left out: a face of theirs is not in the data set, so their increment is unknown.");
        Console.WriteLine($"Model ({(result.Model.Delta ? "delta E_high - E_low" : "absolute energies")}, " +
                          $"{(result.Model.Target == FragmentTarget.Increment ? "many-body increments" : "fragment energies")}, " +
                          $"{(result.Model.Training!.UsedForces ? "energies and forces" : "energies")}) -> {output}" +
                          (result.TestFrames.Count > 0 ? $"; {result.TestFrames.Count} held-out test fragments -> {testOut}" : ""));
        return 0;
    }

    private static FragmentCheckpoints Checkpoints(string output, CheckpointOptions options)
    {
        var checkpoints = new FragmentCheckpoints(CheckpointPath(output), options.Interval, options.Resume);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(checkpoints.Path))!);
        if (options.Resume)
            Console.WriteLine(File.Exists(checkpoints.Path) ? $"Resuming from the checkpoint {checkpoints.Path}"
                                                            : $"No checkpoint {checkpoints.Path}: training from the start");
        return checkpoints;
    }

    /// <summary>One data-set file's labelled fragments, checked: fragments only, finite labels, the given low level.</summary>
    private static List<Structure> ReadDataset(string dataPath, string? low, bool allowLevelMismatch)
    {
        var frames = StructureFile.Read(dataPath).ToList();
        if (frames.Count == 0) throw new ArgumentException($"'{dataPath}' holds no frames.");
        int notFragment = frames.FindIndex(x => !FragmentEvaluation.IsFragment(x));
        if (notFragment >= 0)
            throw new ArgumentException($"'{dataPath}' frame {notFragment} is not a labelled fragment (it needs {FragmentSchema.TypeKey} and delta or E_high): " +
                                        "train fragments takes a data set from 'tessera dataset'.");
        // Corrections learnt on top of one low level are wrong on top of another.
        if (low is not null)
            foreach (var recorded in frames.Select(x => x.Info.GetValueOrDefault("low_engine") as string).OfType<string>().Distinct())
                LevelGuard.Require("low level", (recorded, $"the low level of {dataPath} (low_engine)"), (low, "--low"), allowLevelMismatch);
        Tessera.Data.FiniteLabels.Require(frames, dataPath);
        return frames;
    }

    private static Dictionary<string, string> Provenance(IReadOnlyList<string> paths, List<Structure> frames)
    {
        var p = new Dictionary<string, string>
        {
            ["dataset_file"] = string.Join(" + ", paths.Select(Path.GetFileName)),
            ["dataset_sha256"] = string.Join(" + ", paths.Select(path => DataFileRecord.Of(path).Sha256)),
            ["dataset_frames"] = frames.Count.ToString(CultureInfo.InvariantCulture),
            ["train_command"] = PipelineCli.CommandLine(),
        };
        foreach (var key in ProvenanceKeys)
            if (frames[0].Info.TryGetValue(key, out var v)) p[key] = Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
        return p;
    }

    /// <summary>A progress line off a terminal: epochs over all networks, and the latest network's epoch and errors.</summary>
    internal static string Describe(FragmentTrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.EpochsDone}/{p.EpochsTotal} epochs over {p.Networks} networks ({p.NetworksDone} done)") +
        (p.Latest is { } e ? string.Create(CultureInfo.InvariantCulture,
            $"; {p.Type} member {p.Member + 1} epoch {e.Epoch}: train RMSE {e.TrainRmse:F3}, validation RMSE {e.ValidationRmse:F3} kcal/mol") : "");

    private static void PrintSummary(FragmentNetworkModel model)
    {
        var table = new Table().AddColumns("type", "train", "valid", "test", "best epochs", "valid MAE", "test MAE", "test RMSE");
        foreach (var t in model.Training!.Types)
        {
            var best = string.Join(",", model.Training.Curves.Where(c => c.Type == t.Type).Select(c => c.BestEpoch));
            table.AddRow(Markup.Escape(t.Type), N(t.Train), N(t.Validation), N(t.Test), best, K(t.ValidationMae), K(t.TestMae), K(t.TestRmse));
        }
        CliTable.Write(table);
        AnsiConsole.WriteLine("Errors of the ensemble mean in kcal/mol.");
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    internal static string K(double x) => double.IsNaN(x) ? "-" : x.ToString("F3", CultureInfo.InvariantCulture);
}
