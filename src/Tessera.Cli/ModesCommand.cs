using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Dynamics;
using Tessera.Models;

namespace Tessera.Cli;

/// <summary><c>tessera modes INPUT --model M [--step 0.005]</c>: harmonic frequencies (cm^-1) from a
/// finite-difference Hessian of the model's forces. The structure should be a minimum (see optimize).</summary>
public sealed class ModesCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Argument<string>("input") { Description = "Structure (last frame), ideally optimised" };
        var model = CliCommon.ModelOption();
        var step = new Option<double>("--step") { Description = "Finite-difference displacement, A", DefaultValueFactory = _ => 0.005 }.Positive();
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var cmd = new Command("modes", "Normal-mode frequencies (cm^-1, imaginary as negative) from the model's forces");
        cmd.Arguments.Add(input);
        foreach (var o in new Option[] { model, step, charge, mult }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => CliCommon.Guard(() => Run(pr.GetValue(input)!, pr.GetValue(model)!, pr.GetValue(step),
                                                            pr.GetValue(charge), pr.GetValue(mult), ct)));
        return cmd;
    }

    public static async Task<int> Run(string input, string model, double step, int? charge, int? multiplicity, CancellationToken ct)
    {
        var potential = ModelLoader.Load(model);
        var s = CliCommon.ReadStructure(input, charge, multiplicity, n2p2Units: CliCommon.ModelUnits(potential));
        NormalModeResult? result = null;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("Hessian (coordinates)", maxValue: 3 * s.Count);
            var progress = new CliCommon.Immediate<int>(done => task.Value = done);
            result = await Task.Run(() => CliFragments.Where(input, () => NormalModes.Compute(potential, s, step, progress, ct)), ct);
        });
        var table = new Table().AddColumn("mode").AddColumn(new TableColumn("cm^-1").RightAligned());
        for (int i = 0; i < result!.FrequenciesCm.Length; i++)
            table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), result.FrequenciesCm[i].ToString("F2", CultureInfo.InvariantCulture));
        CliTable.Write(table);
        AnsiConsole.MarkupLine($"{s.Formula} with {Markup.Escape(potential.Name)}: {result.FrequenciesCm.Length} vibrations, " +
                               $"{result.ProjectedOut} translations/rotations projected out, {result.FrequenciesCm.Count(f => f < 0)} imaginary");
        return 0;
    }
}
