using System.CommandLine;
using System.Globalization;
using Tessera.Core;
using Tessera.Data;
using Tessera.Dynamics;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary>Options of the MD mode of <c>tessera sample</c>: thermostat, temperature, time step, equilibration and
/// production lengths (steps), frame stride (steps), seed.</summary>
public sealed record SampleMdOptions(string Start, string Model, string Thermostat = "bussi", double Temperature = 300, double TimeStepFs = 0.5,
                                     long Equilibration = 2000, long Production = 20000, int Every = 20, int Seed = 1, double Friction = 0.01,
                                     double TauFs = 100, int? Charge = null, int? Multiplicity = null);

/// <summary><c>tessera sample START --model xtb:gfn2 [--thermostat bussi|langevin] ... -o frames.extxyz.gz</c>: frames by
/// molecular dynamics (the <c>tessera md</c> run loop, resumable through its raw trajectory), equilibration dropped,
/// seed and thermostat recorded in every frame; or <c>tessera sample --import TRAJ [--skip N] [--stride K]</c>: frames
/// from any existing trajectory.</summary>
public sealed class SampleCommand : ICliCommand
{
    public const string SeedKey = "sample_seed", ThermostatKey = "sample_thermostat", ModelKey = "sample_model";

    public Command Build()
    {
        var start = new Argument<string?>("start") { Description = "Starting structure for MD (omit with --import)", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string?>("--model", "-m") { Description = "Potential driving the MD, e.g. xtb:gfn2" };
        var thermostat = new Option<string>("--thermostat") { Description = "bussi or langevin", DefaultValueFactory = _ => "bussi" };
        var temperature = new Option<double>("--temperature", "-T") { Description = "Temperature, K", DefaultValueFactory = _ => 300 }.AtLeast(0.0);
        var dt = new Option<double>("--timestep") { Description = "Time step, fs", DefaultValueFactory = _ => 0.5 }.Positive();
        var equilibration = new Option<long>("--equilibration") { Description = "Steps run and discarded first", DefaultValueFactory = _ => 2000 }.AtLeast(0L);
        var production = new Option<long>("--steps", "-n") { Description = "Production steps after equilibration", DefaultValueFactory = _ => 20000 }.AtLeast(1L);
        var every = new Option<int>("--every") { Description = "Keep a frame every N steps", DefaultValueFactory = _ => 20 }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Random seed (velocities, thermostat noise)", DefaultValueFactory = _ => 1 };
        var friction = new Option<double>("--friction") { Description = "Langevin friction, 1/fs", DefaultValueFactory = _ => 0.01 }.Positive();
        var tau = new Option<double>("--tau") { Description = "Bussi relaxation time, fs", DefaultValueFactory = _ => 100 }.Positive();
        var import = new Option<string?>("--import") { Description = "Take frames from this trajectory instead (xyz, extxyz, n2p2; .gz allowed)" };
        var skip = new Option<int>("--skip") { Description = "With --import: frames dropped at the start (equilibration)", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var stride = new Option<int>("--stride") { Description = "With --import: keep every K-th frame after the skipped ones", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var max = new Option<int?>("--max") { Description = "With --import: keep at most M frames" }.AtLeast(1);
        var format = new Option<string?>("--format") { Description = $"With --import: input format ({string.Join(", ", StructureFile.Formats)})" }.StructureFormat();
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var units = CliCommon.N2p2UnitsOption();
        var output = new Option<string>("--output", "-o") { Description = "Frames file (extxyz[.gz])", DefaultValueFactory = _ => "frames.extxyz.gz" };
        var cmd = new Command("sample", "Frames for the fragment pool: by MD (thermostatted, equilibration dropped) or imported from a trajectory");
        cmd.Arguments.Add(start);
        foreach (var o in new Option[] { model, thermostat, temperature, dt, equilibration, production, every, seed, friction, tau,
                                         import, skip, stride, max, format, charge, mult, units, output }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) =>
        {
            if (pr.GetValue(import) is { } path)
                return Task.FromResult(Run(path, pr.GetValue(skip), pr.GetValue(stride), pr.GetValue(max), pr.GetValue(format), pr.GetValue(output)!,
                                           pr.GetValue(charge), pr.GetValue(mult), pr.GetValue(units)));
            if (pr.GetValue(start) is not { } s || pr.GetValue(model) is not { } m)
            {
                Console.Error.WriteLine("error: give a starting structure and --model for MD sampling, or --import TRAJ.");
                return Task.FromResult(1);
            }
            return RunMd(new SampleMdOptions(s, m, pr.GetValue(thermostat)!, pr.GetValue(temperature), pr.GetValue(dt), pr.GetValue(equilibration),
                                             pr.GetValue(production), pr.GetValue(every), pr.GetValue(seed), pr.GetValue(friction), pr.GetValue(tau),
                                             pr.GetValue(charge), pr.GetValue(mult)), pr.GetValue(output)!, ct);
        });
        return cmd;
    }

    /// <summary>Import mode.</summary>
    /// <param name="n2p2Units">--n2p2-units: units of an n2p2 trajectory (Bohr/Hartree when null).</param>
    public static int Run(string import, int skip, int stride, int? max, string? format, string output, int? charge = null, int? multiplicity = null,
                          string? n2p2Units = null) =>
        PipelineCli.Guarded(() =>
        {
            int count = Write(output, FrameImport.Frames(import, skip, stride, max, format, charge, multiplicity, CliCommon.N2p2UnitsOf(n2p2Units)));
            Console.WriteLine($"Kept {count} frames of {import} (skip {skip}, stride {stride}) -> {output}");
            return 0;
        });

    /// <summary>MD mode: <c>tessera md</c> to equilibration + production steps into a raw trajectory beside the output
    /// (resumed when it exists), then the frames from the end of equilibration on.</summary>
    public static async Task<int> RunMd(SampleMdOptions o, string output, CancellationToken ct = default)
    {
        if (o.Thermostat.ToLowerInvariant() is not ("bussi" or "langevin"))
        {
            Console.Error.WriteLine($"error: thermostat '{o.Thermostat}' is neither bussi nor langevin.");
            return 1;
        }
        var raw = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, Path.GetFileName(output).Split('.')[0] + "-md.extxyz");
        var md = new MdCommand.Settings(o.Start, o.Model, o.Thermostat, o.Temperature, o.TimeStepFs, o.Equilibration + o.Production, o.Friction, o.TauFs,
                                        o.Seed, raw, o.Every, raw + ".log", o.Every, Resume: true, o.Charge, o.Multiplicity);
        int code = await CliCommon.Guard(() => MdCommand.Run(md, ct));
        if (code != 0) return code;
        bool bussi = o.Thermostat.Equals("bussi", StringComparison.OrdinalIgnoreCase);
        string thermostat = string.Create(CultureInfo.InvariantCulture,
            $"{o.Thermostat.ToLowerInvariant()} T={o.Temperature} K dt={o.TimeStepFs} fs {(bussi ? "tau" : "gamma")}={(bussi ? o.TauFs : o.Friction)}{(bussi ? " fs" : "/fs")}");
        return PipelineCli.Guarded(() =>
        {
            var frames = FrameImport.Frames(raw).Where(s => s.Info.TryGetValue(MdSnapshot.StepKey, out var v) && v is long step && step >= o.Equilibration)
                .Select(s => Stamp(s, o, thermostat));
            int count = Write(output, frames);
            Console.WriteLine($"Kept {count} frames after {o.Equilibration} equilibration steps (seed {o.Seed}, {thermostat}) -> {output}; raw trajectory {raw}");
            return 0;
        });
    }

    private static Structure Stamp(Structure s, SampleMdOptions o, string thermostat)
    {
        s.Info[SeedKey] = (long)o.Seed;
        s.Info[ThermostatKey] = thermostat;
        s.Info[ModelKey] = o.Model;
        s.Arrays.Remove("momenta"); // MD bookkeeping, not part of a sampled geometry
        return s;
    }

    private static int Write(string output, IEnumerable<Structure> frames)
    {
        int count = 0;
        StructureFile.Write(output, frames.Select(s => { count++; return s; }), StructureFile.ExtXyzFormat);
        if (count == 0) { File.Delete(output); throw new ArgumentException("No frame left to write (all skipped?)."); }
        return count;
    }
}
