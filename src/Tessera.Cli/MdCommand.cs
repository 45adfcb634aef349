using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core;
using Tessera.Dynamics;
using Tessera.IO;
using Tessera.Potentials;

namespace Tessera.Cli;

/// <summary><c>tessera md INPUT --model M [--integrator nve|langevin|bussi] ...</c>: molecular dynamics with an extxyz
/// trajectory (positions, momenta, forces, step, time) and a text log of energies and temperatures (per element
/// too); <c>--resume</c> continues from the trajectory's last frame to the same target step.</summary>
public sealed class MdCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Argument<string>("input") { Description = "Starting structure (last frame is used; momenta in it are kept)" };
        var model = CliCommon.ModelOption();
        var integrator = new Option<string>("--integrator") { Description = "nve (velocity Verlet), langevin (BAOAB) or bussi", DefaultValueFactory = _ => "nve" };
        var temperature = new Option<double>("--temperature", "-T") { Description = "Target (and initial) temperature, K", DefaultValueFactory = _ => 300 }.AtLeast(0.0);
        var dt = new Option<double>("--timestep") { Description = "Time step, fs", DefaultValueFactory = _ => 0.5 }.Positive();
        var steps = new Option<long>("--steps", "-n") { Description = "Run until this step number", DefaultValueFactory = _ => 1000 }.AtLeast(0L);
        var friction = new Option<double>("--friction") { Description = "Langevin friction, 1/fs", DefaultValueFactory = _ => 0.01 }.Positive();
        var tau = new Option<double>("--tau") { Description = "Bussi relaxation time, fs", DefaultValueFactory = _ => 100 }.Positive();
        var seed = new Option<int>("--seed") { Description = "Random seed (velocities, thermostat noise)", DefaultValueFactory = _ => 1 };
        var traj = new Option<string>("--trajectory", "-o") { Description = "extxyz trajectory", DefaultValueFactory = _ => "md.extxyz" };
        var trajEvery = new Option<int>("--trajectory-every") { Description = "Write a frame every N steps", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var log = new Option<string>("--log") { Description = "Energy and temperature log", DefaultValueFactory = _ => "md.log" };
        var logEvery = new Option<int>("--log-every") { Description = "Log every N steps", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var resume = new Option<bool>("--resume") { Description = "Continue from the last frame of the trajectory" };
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var cmd = new Command("md", "Molecular dynamics (NVE velocity Verlet, Langevin BAOAB or Bussi NVT) with any model");
        cmd.Arguments.Add(input);
        foreach (var o in new Option[] { model, integrator, temperature, dt, steps, friction, tau, seed, traj, trajEvery, log, logEvery, resume, charge, mult })
            cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => CliCommon.Guard(() => Run(new Settings(
            pr.GetValue(input)!, pr.GetValue(model)!, pr.GetValue(integrator)!, pr.GetValue(temperature), pr.GetValue(dt), pr.GetValue(steps),
            pr.GetValue(friction), pr.GetValue(tau), pr.GetValue(seed), pr.GetValue(traj)!, pr.GetValue(trajEvery), pr.GetValue(log)!,
            pr.GetValue(logEvery), pr.GetValue(resume), pr.GetValue(charge), pr.GetValue(mult)), ct)));
        return cmd;
    }

    public sealed record Settings(string Input, string Model, string Integrator, double Temperature, double TimeStepFs, long Steps,
                                  double Friction, double TauFs, int Seed, string Trajectory, int TrajectoryEvery, string Log,
                                  int LogEvery, bool Resume, int? Charge, int? Multiplicity);

    public static async Task<int> Run(Settings o, CancellationToken ct)
    {
        var potential = ModelResolver.Create(o.Model);
        bool resuming = o.Resume && File.Exists(o.Trajectory);
        var resumed = resuming ? MdSnapshot.Resume(CliCommon.ReadStructure(o.Trajectory, o.Charge, o.Multiplicity)) : null;
        // A resumed run draws its thermostat noise from a stream of its own (seed and step), not the start's again.
        var rng = new Random(resumed is null ? o.Seed : unchecked(o.Seed * 1_000_003 + (int)resumed.Step));
        var integrator = CreateIntegrator(o, rng);
        var state = resumed ?? Start(o, rng);
        if (!resuming) { File.Delete(o.Trajectory); File.Delete(o.Log); }
        var settings = MdRunSettings.Create(o.Steps, o.LogEvery, o.TrajectoryEvery);
        var stamp = new Dictionary<string, object>
        {
            ["md_model"] = potential.Name, ["md_integrator"] = integrator.Name, ["md_seed"] = (long)o.Seed,
            ["md_timestep_fs"] = o.TimeStepFs, ["tessera_version"] = Tessera.Data.FragmentSelector.TesseraVersion,
        };
        long start = state.Step;
        var output = new MdFileObserver(o.Trajectory, o.Log, stamp);
        try { await RunLoop(o, potential, integrator, state, settings, output, resuming, ct); }
        catch when (!resuming && state.Step == start)
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
        return 0;
    }

    private static async Task RunLoop(Settings o, IPotential potential, IIntegrator integrator, MdState state, MdRunSettings settings,
                                  MdFileObserver output, bool resuming, CancellationToken ct)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(integrator.Name)}[/], {Markup.Escape(potential.Name)}, {state.Structure.Formula}, " +
                               (resuming ? $"resuming at step {state.Step}" : "fresh start") + $" -> step {o.Steps}");
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("MD", maxValue: Math.Max(1, o.Steps - state.Step));
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

    private static MdState Start(Settings o, Random rng)
    {
        var s = CliCommon.ReadStructure(o.Input, o.Charge, o.Multiplicity);
        var v = MdSnapshot.Velocities(s) ?? MaxwellBoltzmann.Sample(Kinetics.Masses(s), o.Temperature, rng);
        var (step, time) = MdSnapshot.Clock(s);
        return MdState.Create(s.WithPositions((Vec3[])s.Positions.Clone()), v, momentumFixed: true, step, time);
    }

    private static IIntegrator CreateIntegrator(Settings o, Random rng) => o.Integrator.ToLowerInvariant() switch
    {
        "nve" or "verlet" or "velocity-verlet" => new VelocityVerlet(o.TimeStepFs),
        "langevin" or "baoab" => new LangevinBaoab(o.TimeStepFs, o.Temperature, o.Friction, rng),
        "bussi" or "csvr" => new BussiThermostat(o.TimeStepFs, o.Temperature, o.TauFs, rng),
        _ => throw new ArgumentException($"Unknown integrator '{o.Integrator}'; use nve, langevin or bussi."),
    };
}
