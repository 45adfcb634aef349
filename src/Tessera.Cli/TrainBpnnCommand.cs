using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core;
using Tessera.IO;
using Tessera.Networks;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Cli;

/// <summary><c>tessera train bpnn DATA -o MODEL</c>: trains Behler-Parrinello networks on energies and forces
/// (extxyz, xyz or n2p2 input.data) and writes n2p2 files (one folder, or member_k folders for an ensemble),
/// the learning curve (learning_curve.csv) and the test-set errors; with --html, a report of them (<see cref="BpnnReportHtml"/>).</summary>
public sealed class TrainBpnnCommand
{
    public Command Build()
    {
        var data = new Argument<string>("data") { Description = "Labelled structures (extxyz, xyz or n2p2 input.data)" };
        // Not Required to the parser: the folder may come from the config file, so the check waits until it is read.
        var output = new Option<string?>("--output", "-o") { Description = "Model folder to write (n2p2 files; required here or in the config file)" };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var optimizer = TrainingOptions.Optimizer("adam");
        var memory = TrainingOptions.LbfgsMemory();
        var batch = new Option<int>("--batch") { Description = "Structures per Adam step", DefaultValueFactory = _ => 8 }.AtLeast(1);
        var lr = new Option<double>("--lr") { Description = "Initial learning rate (L-BFGS: scale of its first, steepest-descent step)", DefaultValueFactory = _ => 1e-3 }.Positive();
        var decay = new Option<double>("--lr-decay") { Description = "Learning-rate factor per epoch", DefaultValueFactory = _ => 0.99 }.Positive();
        var hidden = new Option<string>("--hidden") { Description = "Hidden layer sizes, e.g. 25,25", DefaultValueFactory = _ => "25,25" };
        var activation = new Option<string>("--activation") { Description = "Hidden activation (n2p2 code: t, s, p, ...)", DefaultValueFactory = _ => "t" };
        var cutoff = new Option<double>("--cutoff") { Description = "Symmetry-function cutoff (Angstrom)", DefaultValueFactory = _ => 6.0 }.Positive();
        var wE = new Option<double>("--energy-weight") { Description = "Energy loss weight", DefaultValueFactory = _ => 1.0 }.AtLeast(0.0);
        var wF = new Option<double>("--force-weight") { Description = "Force loss weight", DefaultValueFactory = _ => 1.0 }.AtLeast(0.0);
        var patience = TrainingOptions.Patience(30);
        var valid = new Option<double>("--validation") { Description = "Validation fraction", DefaultValueFactory = _ => 0.1 }.Between(0.0, 0.9);
        var test = new Option<double>("--test") { Description = "Test fraction", DefaultValueFactory = _ => 0.1 }.Between(0.0, 0.9);
        var seed = new Option<int>("--seed") { Description = "Seed for the split and the initial weights", DefaultValueFactory = _ => 1 };
        var ensemble = new Option<int>("--ensemble") { Description = "Number of networks trained with different seeds", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var units = CliCommon.N2p2UnitsOption();
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report (learning curves, test-set parity, provenance) and its SVG figures" };
        var config = TrainConfig.ConfigOption();
        var cmd = new Command("bpnn", "Train a Behler-Parrinello potential (n2p2-compatible files)");
        cmd.Arguments.Add(data);
        foreach (var o in new Option[] { config, output, optimizer, memory, epochs, batch, lr, decay, hidden, activation, cutoff, wE, wF, patience, valid, test, seed, ensemble, units, html })
            cmd.Options.Add(o);
        cmd.SetAction((ParseResult given, CancellationToken ct) => Task.FromResult(CliErrors.Guard(() =>
        {
            var resolved = TrainConfig.Resolve(given, config);
            var pr = resolved.Values;
            return resolved.Run(() => Train(pr, resolved, ct));
        })));
        return cmd; // registered under 'tessera train' by TrainCommand

        int Train(ParseResult pr, TrainConfig resolved, CancellationToken ct)
        {
            string outputPath = pr.GetValue(output) ?? throw new ArgumentException("train bpnn needs a model folder: give --output DIR (or 'output: DIR' in the --config file).");
            var settings = new BpnnTrainingSettings
            {
                Optimizer = TrainingOptions.OptimizerOf(pr.GetValue(optimizer)!), LbfgsMemory = pr.GetValue(memory),
                Epochs = pr.GetValue(epochs), BatchSize = pr.GetValue(batch), LearningRate = pr.GetValue(lr),
                LearningRateDecay = pr.GetValue(decay), Cutoff = pr.GetValue(cutoff), EnergyWeight = pr.GetValue(wE),
                ForceWeight = pr.GetValue(wF), Patience = pr.GetValue(patience), ValidationFraction = pr.GetValue(valid),
                TestFraction = pr.GetValue(test), Seed = pr.GetValue(seed), Activation = CliOptions.Parse("--activation", pr.GetValue(activation)!, Activations.FromCode),
                Hidden = CliOptions.IntList("--hidden", pr.GetValue(hidden)!, 1),
            }.Validated();
            return TrainBpnnCommand.Run(pr.GetValue(data)!, outputPath, settings, pr.GetValue(ensemble), ct,
                                        () => resolved.Record("train bpnn", [pr.GetValue(data)!], pr.GetValue(seed)), CliCommon.N2p2UnitsOf(pr.GetValue(units)),
                                        pr.GetValue(html));
        }
    }

    /// <param name="config">The resolved configuration, written into the model folder (made after the data is read: it hashes it).</param>
    /// <param name="n2p2Units">Units of n2p2 training data (Bohr/Hartree when null). The model is written in Bohr/Hartree,
    /// which its input.nn header names, whatever the data's units.</param>
    /// <param name="html">Where to write the HTML report (figures in its -figures folder); null for none.</param>
    public static int Run(string dataPath, string output, BpnnTrainingSettings settings, int members, CancellationToken ct,
                          Func<TrainingConfigRecord>? config = null, N2p2Units? n2p2Units = null, string? html = null)
    {
        if (html is not null) AtomicFile.RequireFolder(html); // before the training, not after it
        var frames = StructureFile.ReadAll(dataPath, null, n2p2Units);
        Tessera.Data.FiniteLabels.Require(frames, dataPath);
        var labelled = frames.Where(f => f.Energy is not null).ToList();
        if (labelled.Count < 3) throw new ArgumentException($"{dataPath}: {labelled.Count} frames with energies; at least 3 are needed.");
        // Checkpoints go to a staging folder that replaces OUTPUT only when every member is trained.
        var (results, record) = FolderSwap.Build(output, staging =>
        {
            var curve = new List<string> { "member,epoch,learning_rate,train_energy_mev_atom,train_force_mev_a,validation_energy_mev_atom,validation_force_mev_a" };
            var trained = new List<BpnnTrainingResult>();
            for (int m = 0; m < members; m++)
            {
                var s = MemberSettings(settings, m);
                string dir = members == 1 ? staging : Path.Combine(staging, $"member_{m + 1}");
                var result = TrainOne(labelled, s, dir, $"member {m + 1}/{members}", ct);
                curve.AddRange(result.History.Select(r => string.Create(CultureInfo.InvariantCulture,
                    $"{m + 1},{r.Epoch},{r.LearningRate:G6},{r.TrainEnergyRmse:F4},{r.TrainForceRmse:F3},{r.ValidationEnergyRmse:F4},{r.ValidationForceRmse:F3}")));
                trained.Add(result);
            }
            File.WriteAllLines(Path.Combine(staging, "learning_curve.csv"), curve);
            var record = config?.Invoke();
            record?.WriteToFolder(staging);
            return (trained, record);
        });
        var table = new Table().AddColumns("member", "train/valid/test", "epochs", "test E (meV/atom)", "test F (meV/A)");
        for (int m = 0; m < results.Count; m++)
        {
            var r = results[m];
            table.AddRow($"{m + 1}", $"{r.TrainCount}/{r.ValidationCount}/{r.TestCount}", $"{r.History.Count}",
                         $"{r.TestEnergyRmse:F3}", $"{r.TestForceRmse:F2}");
        }
        CliTable.Write(table);
        Console.WriteLine($"model written to {output} (n2p2 files; learning curve in learning_curve.csv)");
        if (html is not null)
        {
            var tested = results.Select((r, m) => new BpnnReportHtml.Member(r, BpnnTrainer.Split(labelled, MemberSettings(settings, m)).Test)).ToList();
            string figures = BpnnReportHtml.Write(html, dataPath, tested, settings, record);
            Console.WriteLine($"report written to {html} (SVG figures in {figures})");
        }
        return 0;
    }

    /// <summary>Member <paramref name="m"/> (from 0) trains with its own seed, so its split and initial weights differ.</summary>
    private static BpnnTrainingSettings MemberSettings(BpnnTrainingSettings settings, int m) => settings with { Seed = settings.Seed + 1000 * m };

    private static BpnnTrainingResult TrainOne(List<Structure> data, BpnnTrainingSettings s, string dir, string label, CancellationToken ct)
    {
        // Each file is written under a temporary name and moved into place (N2p2Potential.Write), so an
        // interrupted run leaves complete files from the last or the current best epoch in the staging folder.
        void Checkpoint(BpnnModel model)
        {
            TrainingDivergedException.RequireFiniteWeights(model.Elements.Select(e => e.Network), dir);
            N2p2Potential.Write(model, dir);
        }
        BpnnTrainingResult? result = null;
        if (Console.IsOutputRedirected)
        {
            using var lines = new ProgressLines<BpnnEpochReport>(label, Describe, eachReport: true);
            result = BpnnTrainer.Train(data, s, lines, Checkpoint, ct);
        }
        else
        {
            AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask($"{label}: preparing", maxValue: s.Epochs);
                    var progress = new CliCommon.Immediate<BpnnEpochReport>(r => { task.Value = r.Epoch; task.Description = Markup.Escape($"{label} {Describe(r)}"); });
                    result = BpnnTrainer.Train(data, s, progress, Checkpoint, ct);
                    task.Value = s.Epochs;
                });
        }
        Checkpoint(result!.Model);
        return result;
    }

    private static string Describe(BpnnEpochReport r) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {r.Epoch}/{r.Epochs}: train E {r.TrainEnergyRmse:F2} meV/atom F {r.TrainForceRmse:F1} meV/A | valid E {r.ValidationEnergyRmse:F2} F {r.ValidationForceRmse:F1}{(r.Improved ? " *" : "")}");
}
