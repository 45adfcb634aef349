using System.Diagnostics;
using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Engines;

/// <summary>GFN-xTB through the <c>xtb</c> program: one process per structure in a fresh temporary folder.
/// Energy from the standard output's summary, gradient from the Turbomole <c>gradient</c> file.</summary>
public sealed class XtbEngine : IEngine
{
    public const string ProgramName = "xtb";
    private readonly ProcessRunner _runner = new();
    private readonly Lazy<string> _executable;
    private readonly Lazy<string> _version;

    public XtbEngine(XtbSettings settings)
    {
        Settings = settings;
        _executable = new(() => ProgramLocator.Resolve(ProgramName, settings.Program, "xtb"));
        _version = new(DetectVersion);
    }

    public XtbSettings Settings { get; }
    public string Name => $"xtb:{Settings.Method}";
    /// <summary>xtb's version, from <c>xtb --version</c> (run once).</summary>
    public string Version => _version.Value;
    public EngineIdentity Identity => new(ProgramName, Version, Settings.Method, Settings.CanonicalOptions());
    public long ProcessStarts => _runner.Starts;

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces) => Run(structure, needs, CancellationToken.None);

    /// <summary>Runs the structures in parallel (each xtb process single-threaded by default).</summary>
    public IReadOnlyList<BatchItem> ComputeBatch(IReadOnlyList<Structure> structures, Needs needs,
                                                 CancellationToken ct = default, IProgress<int>? progress = null)
    {
        var items = new BatchItem[structures.Count];
        int done = 0;
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / Settings.Threads) };
        Parallel.For(0, structures.Count, options, i =>
        {
            var sw = Stopwatch.StartNew();
            try { items[i] = new BatchItem(Run(structures[i], needs, ct), null, sw.Elapsed.TotalSeconds); }
            catch (EngineException e) { items[i] = new BatchItem(null, e, sw.Elapsed.TotalSeconds); }
            progress?.Report(Interlocked.Increment(ref done));
        });
        return items;
    }

    private PotentialResult Run(Structure s, Needs needs, CancellationToken ct)
    {
        EngineResults.RequireMolecule(ProgramName, s);
        EngineResults.CheckSpin(ProgramName, s);
        var exe = _executable.Value;
        bool gradient = EngineResults.WantsGradient(needs);
        using var folder = new WorkFolder(ProgramName);
        try
        {
            File.WriteAllText(folder.File(XtbInput.GeometryFile), XtbInput.Xyz(s));
            var outcome = _runner.Run(ProgramName, exe, XtbInput.Arguments(Settings, s, gradient), folder.Path,
                                      XtbInput.Environment(Settings), Settings.Timeout, ct);
            return Parse(s, needs, gradient, outcome, folder);
        }
        catch (Exception e) when (e is EngineException or IOException)
        {
            folder.Keep();
            if (e is EngineException { WorkingDirectory: not null }) throw;
            if (e is EngineException ee) throw new EngineException(ee.Program, ee.Failure, ee.Problem, folder.Path, ee.ProgramMessage);
            throw new EngineException(ProgramName, EngineFailure.BadOutput, e.Message, folder.Path);
        }
    }

    private static PotentialResult Parse(Structure s, Needs needs, bool gradient, ProcessOutcome outcome, WorkFolder folder)
    {
        string message = XtbOutputParser.ErrorMessage(outcome.StandardOutput, outcome.StandardError);
        if (XtbOutputParser.NotConverged(outcome.StandardOutput, outcome.StandardError))
            throw new EngineException(ProgramName, EngineFailure.NotConverged, "SCF did not converge", folder.Path, message);
        if (outcome.ExitCode != 0)
            throw new EngineException(ProgramName, EngineFailure.Crash, $"exited with code {outcome.ExitCode}", folder.Path, message);
        var energy = XtbOutputParser.TotalEnergy(outcome.StandardOutput)
            ?? throw new EngineException(ProgramName, EngineFailure.BadOutput, "no TOTAL ENERGY in the output", folder.Path, message);
        double[,]? g = null;
        if (gradient)
        {
            var path = folder.File("gradient");
            if (!File.Exists(path))
                throw new EngineException(ProgramName, EngineFailure.BadOutput, "no gradient file written", folder.Path, message);
            try { g = XtbOutputParser.Gradient(File.ReadAllText(path), s.Count).Gradient; }
            catch (FormatException e) { throw new EngineException(ProgramName, EngineFailure.BadOutput, $"gradient file: {e.Message}", folder.Path, message); }
        }
        return EngineResults.FromAtomicUnits(s, energy, g, needs);
    }

    private string DetectVersion()
    {
        using var folder = new WorkFolder(ProgramName);
        var outcome = _runner.Run(ProgramName, _executable.Value, ["--version"], folder.Path, XtbInput.Environment(Settings),
                                  TimeSpan.FromSeconds(60), CancellationToken.None);
        return XtbOutputParser.Version(outcome.StandardOutput + outcome.StandardError)
            ?? throw new EngineException(ProgramName, EngineFailure.BadOutput, "could not read the version from 'xtb --version'",
                                         null, ProcessRunner.Tail(outcome.StandardOutput + outcome.StandardError));
    }
}
