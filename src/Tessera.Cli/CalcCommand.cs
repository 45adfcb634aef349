using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Tessera.Core;
using Tessera.Engines;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Models;
using Tessera.Potentials;

namespace Tessera.Cli;

/// <summary><c>tessera calc --engine xtb --method gfn2 IN -o OUT.extxyz</c>: energies and forces of every
/// frame with a quantum engine (for labelling data; <c>predict -m MODEL</c> is the single-point command for models), through the persistent result cache; with <c>--fragment rank=R,cutoff=C
/// --low SPEC --high SPEC</c>, the graph-fragment assembly of a low and a high level instead.</summary>
public sealed class CalcCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Argument<string>("input") { Description = "Structure file (xyz, extxyz, n2p2; .gz allowed)" };
        var output = new Option<string>("--output", "-o") { Description = "Output extxyz with energy (eV) and forces (eV/A)", Required = true };
        var engine = new Option<string>("--engine", "-e") { Description = "Engine: xtb or psi4, or a full spec such as 'xtb:gfn1;acc=0.1' or 'psi4:mp2/cc-pvdz'", DefaultValueFactory = _ => "xtb" };
        var method = new Option<string?>("--method") { Description = "Method: gfn2, gfn1 (xtb); method/basis such as mp2/cc-pvdz (psi4)" };
        // -m means model in every command; here it only explains where the method and the models went.
        var model = new Option<string?>("-m", "--model") { Hidden = true };
        var noForces = new Option<bool>("--energy-only") { Description = "Skip forces (faster for psi4 correlated methods)" };
        var cache = new Option<string?>("--cache") { Description = "Result cache file (default: $TESSERA_CACHE or ~/.cache/tessera/results.sqlite)" };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not read or write the result cache" };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary instead of a table" };
        var key = new Option<string>("--key") { Description = "Store the energy as info KEY and forces as array KEY_forces (default: energy and forces); other keys of the input are kept, so several levels can be collected in one file", DefaultValueFactory = _ => "energy" };
        var fragment = new Option<string?>("--fragment") { Description = "Graph-fragment assembly, e.g. 'rank=2,cutoff=4.5[,on=4.0]': E = E_low(full) + sum M(s) (E_high(s) - E_low(s)); needs --high" };
        var low = new Option<string?>("--low") { Description = "Low level for --fragment (engine spec, e.g. xtb:gfn2); omit for a plain many-body expansion of --high" };
        var high = new Option<string?>("--high") { Description = "High level for --fragment (engine spec, e.g. psi4:mp2/cc-pvdz)" };
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var units = CliCommon.N2p2UnitsOption();
        var cmd = new Command("calc", "Energies and forces of every frame with xtb or psi4, directly or by graph fragments. Exit code 2 when some frame failed (all frames are written, failed ones marked error=...)");
        cmd.Arguments.Add(input);
        foreach (var o in new Option[] { output, engine, method, model, noForces, cache, noCache, json, key, fragment, low, high, charge, mult, units }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => Task.Run(() => CliErrors.Guard(() =>
        {
            IEngine Engine(string spec) => pr.GetValue(noCache) ? EngineFactory.Create(spec) : EngineFactory.CreateCached(spec, pr.GetValue(cache));
            if (pr.GetValue(model) is { } m)
                throw new ArgumentException($"calc takes --engine SPEC and --method M, not -m/--model ('{m}'): -m means model in every command. For a method, " +
                                            $"give --method {m}; for a model (an engine spec, a Behler-Parrinello folder or a fragment model file) the single-point " +
                                            "command is 'tessera predict -m MODEL IN -o OUT'.");
            var assembly = FragmentAssemblySpec.From(pr.GetValue(fragment), pr.GetValue(low), pr.GetValue(high));
            IPotential calculator = assembly is not null ? assembly.Build(Engine)
                : CliOptions.Parse("--engine", EngineSpec(pr.GetValue(engine)!, pr.GetValue(method)), Engine);
            return Run(calculator, pr.GetValue(input)!, pr.GetValue(output)!, pr.GetValue(noForces) ? Needs.Energy : Needs.Forces, pr.GetValue(json),
                       pr.GetValue(key)!, pr.GetValue(charge), pr.GetValue(mult), ct, CliCommon.N2p2UnitsOf(pr.GetValue(units)));
        }), ct));
        return cmd;
    }

    /// <summary>"xtb" + "gfn1" -> "xtb:gfn1"; a spec that already names its level is kept.</summary>
    public static string EngineSpec(string engine, string? method) =>
        method is null ? engine
        : engine.Contains(':') ? throw new ArgumentException($"--engine '{engine}' already names a method; drop --method '{method}'.")
        : $"{engine}:{method}";

    /// <summary>Computes every frame and writes them all: a frame that failed is kept with its reason in the info key
    /// "error" (or KEY_error) and counted on stderr. Exit code 2 when some frame failed (as <c>tessera label</c>).</summary>
    public static int Run(IPotential calculator, string input, string output, Needs needs, bool json, string key = "energy",
                          int? charge = null, int? multiplicity = null, CancellationToken ct = default, N2p2Units? n2p2Units = null)
    {
        CliCommon.RequireOutput("--output", output);
        var keys = new ResultKeys(key);
        var frames = CliCommon.ReadAll(input, charge, multiplicity, n2p2Units);
        if (frames.Count == 0) throw new ArgumentException($"{input}: no frames.");
        // A cell too small for the cutoff is a settings mistake, not a failed frame: refuse before any engine runs.
        if (calculator is IStructureCheck check)
            for (int i = 0; i < frames.Count; i++) CliFragments.Where($"{input} frame {i}", () => check.Check(frames[i]));
        var clock = Stopwatch.StartNew();
        // Chunks let psi4 share one process start among many geometries and xtb run them in parallel.
        int chunk = Math.Max(8, 4 * Environment.ProcessorCount);
        var items = CliProgress.Run($"{calculator.Name} on {frames.Count} frames", frames.Count, progress =>
        {
            var all = new List<FrameOutcome>(frames.Count);
            for (int start = 0; start < frames.Count; start += chunk)
            {
                var part = frames.Skip(start).Take(chunk).ToArray();
                all.AddRange(calculator is IBatchPotential batch ? batch.ComputeBatch(part, needs, ct).Select(FrameOutcome.From)
                                                                 : part.Select(s => ComputeOne(calculator, s, needs, ct)));
                progress.Report(all.Count);
            }
            return all;
        });

        for (int i = 0; i < frames.Count; i++) Annotate(frames[i], items[i], calculator, keys);
        StructureFile.Write(output, frames, null, n2p2Units);
        var summary = Summary.From(calculator, input, output, items, clock.Elapsed.TotalSeconds);
        if (json) Console.WriteLine(JsonSerializer.Serialize(summary, CliJson.Default.CalcSummary));
        else summary.Print();
        summary.PrintFailures(keys);
        return summary.Failed == 0 ? 0 : 2;
    }

    /// <summary>One frame's result, or why it failed (one line) and where the engine's files were kept.</summary>
    public sealed record FrameOutcome(PotentialResult? Result, string? Error, string? Folder)
    {
        /// <summary>A batch member's outcome; an error that is not the frame's own (see <see cref="Failure"/>) is thrown.</summary>
        public static FrameOutcome From(IBatchOutcome item) =>
            item.Succeeded ? new(item.Result, null, null) : Failure(item.Error!) ?? throw item.Error!;
    }

    // A composite potential (fragments) runs its own engines in parallel inside one frame; a frame it cannot split
    // into units fails alone, like a frame an engine rejects.
    private static FrameOutcome ComputeOne(IPotential p, Structure s, Needs needs, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        try { return new FrameOutcome(p.Compute(s, needs), null, null); }
        catch (Exception e) when (Failure(e) is { } failed) { return failed; }
    }

    /// <summary>A frame's own failure (an engine's or the fragmentation's, alone or from parallel work), else null.</summary>
    private static FrameOutcome? Failure(Exception e) => e switch
    {
        EngineException x => new FrameOutcome(null, x.Reason, x.WorkingDirectory),
        FragmentationException x => new FrameOutcome(null, $"fragmentation: {EngineException.OneLine(x.Message)}", null),
        AggregateException a when a.Flatten().InnerExceptions is { Count: > 0 } inner && inner.All(i => Failure(i) is not null) => Failure(inner[0]),
        _ => null,
    };

    private static void Annotate(Structure frame, FrameOutcome item, IPotential calculator, ResultKeys keys)
    {
        string prefix = keys.Prefix, forcesKey = keys.Forces, key = keys.Energy;
        frame.Info[prefix + "calculator"] = calculator.Name;
        frame.Info[prefix + "engine_version"] = ProgramVersions.Of(calculator);
        if (calculator is IProgramPotential { ProgramOptions.Length: > 0 } program) frame.Info[prefix + "engine_options"] = program.ProgramOptions;
        frame.Info[prefix + "tessera_version"] = TesseraVersion.Current;
        frame.Info[prefix + "created"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        frame.Info[prefix + "command"] = PipelineCli.CommandLine();
        frame.Arrays.Remove(forcesKey);
        frame.Info.Remove(key);
        if (item.Result is { } r)
        {
            frame.Info[key] = r.Energy;
            if (r.Forces is { } f) frame.Arrays[forcesKey] = PerAtomArray.Vectors(f);
        }
        else frame.Info[keys.Error] = item.Error!; // failed frames are kept and marked, never dropped
    }

    public sealed record Summary(string Engine, string Version, string Input, string Output, int Frames, int Succeeded,
                                 int Failed, double WallSeconds, double? MinEnergy, double? MaxEnergy, string[] Errors)
    {
        private const int ListedFailures = 3;

        public static Summary From(IPotential c, string input, string output, IReadOnlyList<FrameOutcome> items, double seconds)
        {
            var energies = items.Where(i => i.Result is not null).Select(i => i.Result!.Energy).ToArray();
            var errors = items.Select((it, k) => (it, k)).Where(p => p.it.Result is null)
                .Select(p => $"frame {p.k}: {p.it.Error}" + (p.it.Folder is { } f ? $" (working folder kept: {f})" : "")).ToArray();
            return new Summary(c.Name, ProgramVersions.Of(c), input, output, items.Count, energies.Length, errors.Length, seconds,
                               energies.Length > 0 ? energies.Min() : null, energies.Length > 0 ? energies.Max() : null, errors);
        }

        public void Print()
        {
            Console.WriteLine($"{Engine} ({Version}): {Succeeded}/{Frames} frames in {WallSeconds:F1} s -> {Output}");
            if (MinEnergy is { } lo && MaxEnergy is { } hi) Console.WriteLine($"energy range {lo:F6} .. {hi:F6} eV");
        }

        /// <summary>The failure count and the first few reasons on stderr (the rest are in the output's error marks).</summary>
        public void PrintFailures(ResultKeys keys)
        {
            if (Failed == 0) return;
            foreach (var e in Errors.Take(ListedFailures)) Console.Error.WriteLine($"failed: {e}");
            string mark = keys.Error;
            Console.Error.WriteLine($"{Failed} of {Frames} frames failed{(Failed > ListedFailures ? $" ({Failed - ListedFailures} more not listed)" : "")}; " +
                                    $"all frames were written to {Output}, the failed ones marked with {mark}=...");
        }
    }
}
