using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core;
using Tessera.Dynamics;
using Tessera.Fragments;
using Tessera.Models;
using Tessera.Potentials;

namespace Tessera.Cli;

/// <summary><c>tessera check INPUT --model M</c>: is the model a consistent, conservative force field? Finite-difference
/// force check, Jacobian asymmetry and NVE energy drift (benchmark MD1). The finite differences use the pure potential;
/// the NVE run is a trajectory and keeps its own unit-assignment history.</summary>
public sealed class CheckCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Argument<string>("input") { Description = "Structure (last frame)" };
        var model = CliCommon.ModelOption();
        var fdStep = new Option<double>("--fd-step") { Description = "Force-check displacement (energy differences), A", DefaultValueFactory = _ => 1e-3 }.Positive();
        var jStep = new Option<double>("--jacobian-step") { Description = "Jacobian displacement (force differences), A; larger than --fd-step because SCF noise in forces is divided by it", DefaultValueFactory = _ => 0.005 }.Positive();
        var steps = new Option<long>("--drift-steps") { Description = "NVE steps for the drift (0: skip)", DefaultValueFactory = _ => 2000 }.AtLeast(0L);
        var dt = new Option<double>("--timestep") { Description = "NVE time step, fs", DefaultValueFactory = _ => 0.5 }.Positive();
        var temperature = new Option<double>("--temperature", "-T") { Description = "Initial Maxwell-Boltzmann temperature, K", DefaultValueFactory = _ => 300 }.AtLeast(0.0);
        var seed = new Option<int>("--seed") { Description = "Random seed for the velocities", DefaultValueFactory = _ => 1 };
        var noJacobian = new Option<bool>("--no-jacobian") { Description = "Skip the Jacobian asymmetry (6N force evaluations)" };
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var cmd = new Command("check", "Force check, Jacobian asymmetry and NVE energy drift of a model");
        cmd.Arguments.Add(input);
        foreach (var o in new Option[] { model, fdStep, jStep, steps, dt, temperature, seed, noJacobian, charge, mult }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => CliCommon.Guard(() => Run(pr.GetValue(input)!, pr.GetValue(model)!, pr.GetValue(fdStep), pr.GetValue(jStep), pr.GetValue(steps),
            pr.GetValue(dt), pr.GetValue(temperature), pr.GetValue(seed), !pr.GetValue(noJacobian), pr.GetValue(charge), pr.GetValue(mult), ct)));
        return cmd;
    }

    public static async Task<int> Run(string input, string model, double fdStep, double jacobianStep, long driftSteps, double dt, double temperature, int seed,
                                      bool jacobian, int? charge, int? multiplicity, CancellationToken ct)
    {
        var potential = ModelLoader.Load(model);
        var s = CliCommon.ReadStructure(input, charge, multiplicity, n2p2Units: CliCommon.ModelUnits(potential));
        var table = new Table().AddColumn("check").AddColumn("result");
        await CliFragments.WhereAsync(input, () => AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var fc = await Task.Run(() => ForceCheck.Run(potential, s, fdStep), ct);
            table.AddRow("force check (central differences)", F($"max |dF| {fc.MaxAbsError:E3} eV/A, RMS {fc.RmsError:E3} eV/A, relative {fc.RelativeError:E3} (atom {fc.WorstAtom})"));
            if (jacobian)
            {
                var task = ctx.AddTask("Jacobian", maxValue: 3 * s.Count);
                var j = await Task.Run(() => JacobianAsymmetry.Compute(potential, s, jacobianStep, new CliCommon.Immediate<int>(d => task.Value = d), ct), ct);
                table.AddRow("Jacobian asymmetry", F($"lambda = ||(J - J^T)/2||_F / ||J||_F = {j.Lambda:E3} (step {jacobianStep} A)"));
            }
            if (driftSteps > 0)
            {
                var task = ctx.AddTask("NVE", maxValue: driftSteps);
                var d = await Task.Run(() => ConservationCheck.Nve(FragmentTrajectory.For(potential), s, dt, driftSteps, temperature, new Random(seed),
                                                                   new CliCommon.Immediate<MdProgress>(p => task.Value = p.Step), ct), ct);
                table.AddRow("NVE drift", F($"{d.SlopeMeVPerAtomPerPs:F4} meV/atom/ps over {d.DurationPs:F3} ps (dt {dt} fs, {temperature} K start, seed {seed})"));
                table.AddRow("NVE fluctuation", F($"RMS about fit {d.RmsAboutFitMeVPerAtom:F4} meV/atom, std {d.StdMeVPerAtom:F4} meV/atom"));
            }
        }));
        AnsiConsole.MarkupLine($"{s.Formula} ({s.Count} atoms) with {Markup.Escape(potential.Name)}");
        CliTable.Write(table);
        return 0;
    }

    private static string F(FormattableString s) => Markup.Escape(s.ToString(CultureInfo.InvariantCulture));
}
