using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Dynamics;
using Tessera.IO;
using Tessera.Models;

namespace Tessera.Cli;

/// <summary><c>tessera optimize INPUT --model M [--optimizer lbfgs|fire] [--fmax 0.05] ...</c>: geometry optimisation.</summary>
public sealed class OptimizeCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Argument<string>("input") { Description = "Starting structure (last frame)" };
        var model = CliCommon.ModelOption();
        var optimizer = new Option<string>("--optimizer") { Description = "lbfgs or fire", DefaultValueFactory = _ => "lbfgs" };
        var fmax = new Option<double>("--fmax") { Description = "Converged when every atomic force is below this, eV/A", DefaultValueFactory = _ => 0.05 }.Positive();
        var maxSteps = new Option<int>("--max-steps") { Description = "Give up after this many steps", DefaultValueFactory = _ => 1000 }.AtLeast(0);
        var maxStep = new Option<double>("--max-step") { Description = "Largest displacement of any atom in one step, A", DefaultValueFactory = _ => 0.2 }.Positive();
        var output = new Option<string>("--output", "-o") { Description = "Optimised structure (extxyz with energy and forces)", DefaultValueFactory = _ => "optimized.extxyz" };
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var cmd = new Command("optimize", "Geometry optimisation (L-BFGS or FIRE) with any model");
        cmd.Arguments.Add(input);
        foreach (var o in new Option[] { model, optimizer, fmax, maxSteps, maxStep, output, charge, mult }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => CliCommon.Guard(() => Run(pr.GetValue(input)!, pr.GetValue(model)!, pr.GetValue(optimizer)!,
            OptimizationSettings.Create(pr.GetValue(fmax), pr.GetValue(maxSteps), pr.GetValue(maxStep)), pr.GetValue(output)!,
            pr.GetValue(charge), pr.GetValue(mult), ct)));
        return cmd;
    }

    public static async Task<int> Run(string input, string model, string optimizerName, OptimizationSettings settings, string output,
                                      int? charge, int? multiplicity, CancellationToken ct)
    {
        CliCommon.RequireOutput("--output", output);
        var potential = ModelLoader.LoadForTrajectory(model);
        var start = CliCommon.ReadStructure(input, charge, multiplicity, n2p2Units: CliCommon.ModelUnits(potential));
        IOptimizer optimizer = optimizerName.ToLowerInvariant() switch
        {
            "lbfgs" or "l-bfgs" => new Lbfgs(),
            "fire" => new Fire(),
            _ => throw new ArgumentException($"Unknown optimizer '{optimizerName}'; use lbfgs or fire."),
        };
        OptimizationResult? result = null;
        await AnsiConsole.Status().StartAsync(Markup.Escape($"{optimizer.Name} with {potential.Name}"), async ctx =>
        {
            var progress = new CliCommon.Immediate<OptimizationProgress>(p => ctx.Status(string.Create(CultureInfo.InvariantCulture,
                $"{optimizer.Name} step {p.Step}: E {p.Energy:F6} eV, fmax {p.Fmax:F4} eV/A")));
            result = await Task.Run(() => CliFragments.Where($"{input} during the optimisation",
                () => Optimization.Run(start, potential, optimizer, settings, progress, ct)), ct);
        });
        StructureFile.Write(output, [result!.Structure], null, CliCommon.ModelUnits(potential));
        AnsiConsole.MarkupLine((result.Converged ? "[green]converged[/]" : "[red]not converged[/]") +
                               string.Create(CultureInfo.InvariantCulture, $" after {result.Steps} steps: E {result.Energy:F8} eV, fmax {result.Fmax:F5} eV/A -> ") +
                               Markup.Escape(output));
        return result.Converged ? 0 : 2;
    }
}
