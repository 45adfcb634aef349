using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core;
using Tessera.Dynamics;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Models;
using Tessera.Potentials;

namespace Tessera.Cli;

/// <summary><c>tessera md INPUT --model M [--integrator nve|langevin|bussi] ...</c>: molecular dynamics with an extxyz
/// trajectory (positions, momenta, forces, step, time) and a text log of energies and temperatures (per element
/// too; for a fragment model also cumulative proton hops and graph changes, see <see cref="MdFragmentCounts"/>); <c>--resume</c> continues from the trajectory's last complete frame to the same end (start step + -n), and
/// refuses a run whose model, integrator, seed or time step differ from the recorded ones unless <c>--force-resume</c>.</summary>
public sealed class MdCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Argument<string>("input") { Description = "Starting structure (last frame is used; momenta in it are kept)" };
        var model = CliCommon.ModelOption();
        var integrator = new Option<string>("--integrator") { Description = "nve (velocity Verlet), langevin (BAOAB) or bussi", DefaultValueFactory = _ => "nve" };
        var temperature = new Option<double>("--temperature", "-T") { Description = "Target (and initial) temperature, K", DefaultValueFactory = _ => 300 }.AtLeast(0.0);
        var dt = new Option<double>("--timestep") { Description = "Time step, fs", DefaultValueFactory = _ => 0.5 }.Positive();
        var steps = new Option<long>("--steps", "-n") { Description = "Steps to run from the starting structure's step (its 'step' key, 0 if none); a resumed run continues to that same end", DefaultValueFactory = _ => 1000 }.AtLeast(0L);
        var friction = new Option<double>("--friction") { Description = "Langevin friction, 1/fs", DefaultValueFactory = _ => 0.01 }.Positive();
        var tau = new Option<double>("--tau") { Description = "Bussi relaxation time, fs", DefaultValueFactory = _ => 100 }.Positive();
        var seed = new Option<int>("--seed") { Description = "Random seed (velocities, thermostat noise)", DefaultValueFactory = _ => 1 };
        var traj = new Option<string>("--trajectory", "-o") { Description = "extxyz trajectory", DefaultValueFactory = _ => "md.extxyz" };
        var trajEvery = new Option<int>("--trajectory-every") { Description = "Write a frame every N steps", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var log = new Option<string>("--log") { Description = "Energy and temperature log; a fragment model adds the cumulative hops_total (proton hops) and graph_changes_total (edges entering or leaving the cutoff) and the edges now switching", DefaultValueFactory = _ => "md.log" };
        var logEvery = new Option<int>("--log-every") { Description = "Log every N steps", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var resume = new Option<bool>("--resume") { Description = "Continue from the last complete frame of the trajectory (a torn frame left by a kill is dropped; no trajectory yet: start afresh)" };
        var forceResume = new Option<bool>("--force-resume") { Description = "With --resume: continue even if --model, --integrator, --seed or --timestep differ from those the trajectory records" };
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var cmd = new Command("md", "Molecular dynamics (NVE velocity Verlet, Langevin BAOAB or Bussi NVT) with any model");
        cmd.Arguments.Add(input);
        foreach (var o in new Option[] { model, integrator, temperature, dt, steps, friction, tau, seed, traj, trajEvery, log, logEvery, resume, forceResume, charge, mult })
            cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => CliCommon.Guard(() => Run(new Settings(
            pr.GetValue(input)!, pr.GetValue(model)!, pr.GetValue(integrator)!, pr.GetValue(temperature), pr.GetValue(dt), pr.GetValue(steps),
            pr.GetValue(friction), pr.GetValue(tau), pr.GetValue(seed), pr.GetValue(traj)!, pr.GetValue(trajEvery), pr.GetValue(log)!,
            pr.GetValue(logEvery), pr.GetValue(resume), pr.GetValue(charge), pr.GetValue(mult), pr.GetValue(forceResume)), ct)));
        return cmd;
    }

    public sealed record Settings(string Input, string Model, string Integrator, double Temperature, double TimeStepFs, long Steps,
                                  double Friction, double TauFs, int Seed, string Trajectory, int TrajectoryEvery, string Log,
                                  int LogEvery, bool Resume, int? Charge, int? Multiplicity, bool ForceResume = false);

    public static async Task<int> Run(Settings o, CancellationToken ct)
    {
        if (o.Steps < 0) throw new ArgumentException($"--steps: must be non-negative, got {o.Steps}.");
        var model = ModelLoader.Load(o.Model);
        var integrator = CreateIntegrator(o, new StepNoise(o.Seed));
        var stamp = new Dictionary<string, object>
        {
            [MdResumePoint.ModelKey] = model.Name, [MdResumePoint.IntegratorKey] = integrator.Name, [MdResumePoint.SeedKey] = (long)o.Seed,
            [MdResumePoint.TimeStepKey] = o.TimeStepFs, ["tessera_version"] = TesseraVersion.Current,
        };
        var point = o.Resume ? MdResumePoint.Find(o.Trajectory) : null;
        point?.Check(stamp, o.ForceResume, Console.Error);
        var units = CliCommon.ModelUnits(model); // n2p2 input in a Behler-Parrinello model's units
        var state = point is not null ? MdSnapshot.Resume(point.Frame, o.Trajectory) : Start(o, units);
        Structure Input() => CliCommon.ReadStructure(o.Input, o.Charge, o.Multiplicity, n2p2Units: units);
        long start = point is null ? state.Step : point.StartStep ?? MdSnapshot.Clock(Input(), o.Input).Step;
        // This run's unit history: freeze keeps the units the trajectory began with, also when resumed (as the trajectory
        // stored them, else those of the input file, for trajectories written before they were stored).
        var potential = FragmentTrajectory.For(model, point is null ? null : Input, point?.FrozenUnits);
        long target = checked(start + o.Steps);
        var settings = MdRunSettings.Create(target, o.LogEvery, o.TrajectoryEvery);
        // Only now, with every input and option checked, are the files touched.
        if (point is not null) point.Cut(o.Log, Console.Error);
        else
        {
            if (o.Resume && File.Exists(o.Trajectory))
                Console.Error.WriteLine($"notice: {o.Trajectory} holds no complete frame to resume from; starting afresh from {o.Input}.");
            File.Delete(o.Trajectory);
            File.Delete(o.Log);
        }
        bool resuming = point is not null;
        stamp[MdResumePoint.StartStepKey] = start;
        long first = state.Step;
        var counts = potential is FragmentTrajectory fragments ? Counts(fragments, o.Log, first, resuming) : null;
        var output = new MdFileObserver(o.Trajectory, o.Log, stamp, counts, potential as FragmentTrajectory);
        try { await RunLoop(o, potential, integrator, state, settings, target, output, resuming, ct); }
        catch when (!resuming && state.Step == first)
        {
            // Nothing was computed (the first force call failed): leave no empty trajectory under the output names.
            output.Dispose();
            File.Delete(o.Trajectory);
            File.Delete(o.Log);
            throw;
        }
        finally { output.Dispose(); }
        AnsiConsole.MarkupLine($"Done: step {state.Step}, E_total {state.TotalEnergy:F6} eV, T {state.Temperature:F1} K; " +
                               $"trajectory {Markup.Escape(o.Trajectory)}, log {Markup.Escape(o.Log)}");
        if (counts is not null) AnsiConsole.MarkupLine(Markup.Escape(counts.Summary()));
        return 0;
    }

    /// <summary>A fragment model's hop and graph counts, continuing those of the (already cut) log when resuming.</summary>
    private static MdFragmentCounts Counts(FragmentTrajectory fragments, string log, long first, bool resuming)
    {
        var carried = resuming ? MdLogTail.LastRow(log, first, MdFragmentCounts.HopsColumn, MdFragmentCounts.GraphColumn) : null;
        return new MdFragmentCounts(fragments, first, carried is null ? null : (carried[0], carried[1]), resuming);
    }

    private static async Task RunLoop(Settings o, IPotential potential, IIntegrator integrator, MdState state, MdRunSettings settings,
                                      long target, MdFileObserver output, bool resuming, CancellationToken ct)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(integrator.Name)}[/], {Markup.Escape(potential.Name)}, {state.Structure.Formula}, " +
                               (resuming ? $"resuming at step {state.Step}" : "fresh start") + $" -> step {target}");
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("MD", maxValue: Math.Max(1, target - state.Step));
            long first = state.Step;
            var progress = new CliCommon.Immediate<MdProgress>(p =>
            {
                task.Value = p.Step - first;
                task.Description = string.Create(CultureInfo.InvariantCulture, $"MD step {p.Step}, {p.TimeFs / 1000:F3} ps, T {p.Temperature:F0} K");
            });
            await Task.Run(() => CliFragments.Where(() => $"{o.Input} at MD step {state.Step}",
                () => MolecularDynamics.Run(state, potential, integrator, settings, output, progress, resuming, ct),
                () => state.Step == first ? null : "Units that change or break apart during dynamics usually mean too large a --timestep or too " +
                                                   $"high a --temperature; the trajectory up to here is in {o.Trajectory}."), ct);
        });
    }

    private static MdState Start(Settings o, N2p2Units? units)
    {
        var s = CliCommon.ReadStructure(o.Input, o.Charge, o.Multiplicity, n2p2Units: units);
        var (step, time) = MdSnapshot.Clock(s, o.Input);
        var v = MdSnapshot.Velocities(s) ?? MaxwellBoltzmann.Sample(Kinetics.Masses(s), o.Temperature, new Random(o.Seed));
        return MdState.Create(s.WithPositions((Vec3[])s.Positions.Clone()), v, momentumFixed: true, step, time);
    }

    private static IIntegrator CreateIntegrator(Settings o, StepNoise noise) => o.Integrator.ToLowerInvariant() switch
    {
        "nve" or "verlet" or "velocity-verlet" => new VelocityVerlet(o.TimeStepFs),
        "langevin" or "baoab" => new LangevinBaoab(o.TimeStepFs, o.Temperature, o.Friction, noise),
        "bussi" or "csvr" => new BussiThermostat(o.TimeStepFs, o.Temperature, o.TauFs, noise),
        _ => throw new ArgumentException($"--integrator: unknown integrator '{o.Integrator}'; use nve, langevin or bussi."),
    };
}
