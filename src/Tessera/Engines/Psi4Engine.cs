using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Engines;

/// <summary>Any psi4 method/basis through the <c>psi4</c> program. A batch runs many structures in ONE psi4
/// process (start-up costs seconds), each written to the result file as soon as it is done.</summary>
public sealed class Psi4Engine : IEngine
{
    public const string ProgramName = "psi4";
    private readonly ProcessRunner _runner = new();
    private readonly Lazy<string> _executable;
    private readonly Lazy<string> _version;

    public Psi4Engine(Psi4Settings settings)
    {
        Settings = settings;
        _executable = new(() => ProgramLocator.Resolve(ProgramName, settings.Program, "psi4"));
        _version = new(DetectVersion);
    }

    public Psi4Settings Settings { get; }
    public string Name => $"psi4:{Settings.Method}/{Settings.Basis}";
    /// <summary>psi4's version, from <c>psi4 --version</c> (run once).</summary>
    public string Version => _version.Value;
    public EngineIdentity Identity => new(ProgramName, Version, Settings.Method, Settings.CanonicalOptions());
    public long ProcessStarts => _runner.Starts;

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces) =>
        ComputeBatch([structure], needs)[0].Require();

    public IReadOnlyList<BatchItem> ComputeBatch(IReadOnlyList<Structure> structures, Needs needs,
                                                 CancellationToken ct = default, IProgress<int>? progress = null)
    {
        if (structures.Count == 0) return [];
        foreach (var s in structures) EngineResults.RequireMolecule(ProgramName, s);
        var exe = _executable.Value;
        bool gradient = EngineResults.WantsGradient(needs);
        var folder = new WorkFolder(ProgramName);
        try
        {
            File.WriteAllText(folder.File(Psi4Input.DriverFile), Psi4Input.Driver);
            File.WriteAllText(folder.File(Psi4Input.JobFile), Psi4Input.Job(Settings, structures, gradient));
            TimeSpan? limit = Settings.Timeout is { } t ? t * structures.Count : null;
            ProcessOutcome? outcome = null;
            EngineException? runError = null;
            try
            {
                outcome = _runner.Run(ProgramName, exe, Psi4Input.Arguments(Settings), folder.Path,
                                      Psi4Input.Environment(Settings, folder.Path), limit, ct);
            }
            catch (EngineException e) { runError = e; } // a timeout still leaves the finished members
            catch (OperationCanceledException e)
            {
                // Members psi4 finished before the cancellation are in the result file: hand them on.
                var cancelled = new EngineException(ProgramName, EngineFailure.Cancelled, "cancelled before finishing it", folder.Path);
                throw new BatchCancelledException(Collect(structures, needs, folder, null, cancelled), e);
            }
            var items = Collect(structures, needs, folder, outcome, runError);
            if (items.Any(i => !i.Succeeded)) folder.Keep();
            progress?.Report(items.Count(i => i.Succeeded));
            return items;
        }
        catch
        {
            folder.Keep();
            throw;
        }
        finally { folder.Dispose(); }
    }

    private BatchItem[] Collect(IReadOnlyList<Structure> structures, Needs needs, WorkFolder folder,
                                ProcessOutcome? outcome, EngineException? runError)
    {
        var resultPath = folder.File(Psi4Input.ResultFile);
        IReadOnlyDictionary<int, Psi4Record> records;
        try { records = File.Exists(resultPath) ? Psi4OutputParser.Results(File.ReadAllText(resultPath)) : new Dictionary<int, Psi4Record>(); }
        catch (FormatException e) { throw new EngineException(ProgramName, EngineFailure.BadOutput, $"{Psi4Input.ResultFile}: {e.Message}", folder.Path); }
        var items = new BatchItem[structures.Count];
        for (int i = 0; i < structures.Count; i++)
        {
            if (records.TryGetValue(i, out var r))
            {
                items[i] = r.Ok
                    ? new BatchItem(Convert(structures[i], r, needs, folder), null, r.Seconds)
                    : new BatchItem(null, new EngineException(ProgramName, Psi4OutputParser.Classify(r.ErrorKind),
                        $"{structures[i].Formula} (charge {structures[i].Charge}, multiplicity {structures[i].Multiplicity}) failed",
                        folder.Path, Psi4OutputParser.ErrorMessage(r.ErrorKind, r.Error)), r.Seconds);
            }
            else items[i] = new BatchItem(null, MissingError(i, folder, outcome, runError), 0);
        }
        return items;
    }

    private static PotentialResult Convert(Structure s, Psi4Record r, Needs needs, WorkFolder folder)
    {
        if (EngineResults.WantsGradient(needs) && r.Gradient is null)
            throw new EngineException(ProgramName, EngineFailure.BadOutput, "a gradient was asked for but not written", folder.Path);
        try { return EngineResults.FromAtomicUnits(s, r.Energy, EngineResults.WantsGradient(needs) ? r.Gradient : null, needs); }
        catch (InvalidOperationException e) { throw new EngineException(ProgramName, EngineFailure.BadOutput, e.Message, folder.Path); }
    }

    private static EngineException MissingError(int index, WorkFolder folder, ProcessOutcome? outcome, EngineException? runError)
    {
        if (runError is not null)
            return new EngineException(ProgramName, runError.Failure, $"structure {index}: {runError.Problem}", folder.Path, runError.ProgramMessage);
        var log = folder.File(Psi4Input.OutputFile);
        var logText = File.Exists(log) ? File.ReadAllText(log) : "";
        var message = Psi4OutputParser.FatalError(logText) ?? ProcessRunner.Tail(outcome!.StandardError + "\n" + ProcessRunner.Tail(logText));
        return outcome!.ExitCode != 0
            ? new EngineException(ProgramName, EngineFailure.Crash, $"structure {index}: exited with code {outcome.ExitCode} before finishing it", folder.Path, message)
            : new EngineException(ProgramName, EngineFailure.BadOutput, $"structure {index}: no result written", folder.Path, message);
    }

    private string DetectVersion()
    {
        using var folder = new WorkFolder(ProgramName);
        var outcome = _runner.Run(ProgramName, _executable.Value, ["--version"], folder.Path,
                                  Psi4Input.Environment(Settings, folder.Path), TimeSpan.FromSeconds(60), CancellationToken.None);
        return Psi4OutputParser.Version(outcome.StandardOutput)
            ?? throw new EngineException(ProgramName, EngineFailure.BadOutput, "could not read the version from 'psi4 --version'",
                                         null, ProcessRunner.Tail(outcome.StandardOutput + outcome.StandardError));
    }
}
