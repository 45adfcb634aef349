using System.Diagnostics;
using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Engines;

/// <summary>GFN-xTB in-process through libxtb's C API: no process start or files per call, and each SCF
/// starts from the previous wavefunction of the same molecule, which makes MD and finite-difference work
/// several times faster than <see cref="XtbEngine"/>. The same xtb code computes the numbers; results
/// agree with the program to SCF precision (tested). libxtb keeps global Fortran state, so calls are
/// serialised across all instances; run fragments in parallel with <see cref="XtbEngine"/> instead.</summary>
public sealed unsafe class XtbLibraryEngine : IEngine, IDisposable
{
    public const string ProgramName = "libxtb";
    private static readonly Lock Global = new();
    private readonly XtbSettings _settings;
    private nint _env, _mol, _calc, _res;
    private int[]? _numbers;          // molecule the handles were made for
    private int _charge, _uhf;

    public XtbLibraryEngine(XtbSettings settings)
    {
        if (settings.Solvent is not null) throw new ArgumentException("The libxtb engine does not set solvents; use the xtb program engine.");
        _settings = settings;
        Version = DetectVersion();
    }

    public string Name => $"xtb-native:{_settings.Method}";
    public string Version { get; }
    public EngineIdentity Identity => new(ProgramName, Version, _settings.Method, _settings.CanonicalOptions());
    public long ProcessStarts => 0;

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces)
    {
        EngineResults.RequireMolecule(ProgramName, structure);
        EngineResults.CheckSpin(ProgramName, structure);
        lock (Global)
        {
            XtbNative.omp_set_num_threads(_settings.Threads);
            XtbNative.SetBlasThreads(_settings.Threads);
            Prepare(structure);
            int n = structure.Count;
            var positions = new double[3 * n];
            for (int i = 0; i < n; i++)
            {
                var r = structure.Positions[i] / Units.Bohr;
                positions[3 * i] = r.X; positions[3 * i + 1] = r.Y; positions[3 * i + 2] = r.Z;
            }
            fixed (double* p = positions) XtbNative.xtb_updateMolecule(_env, _mol, p, null);
            Check("update the geometry");
            XtbNative.xtb_singlepoint(_env, _mol, _calc, _res);
            if (XtbNative.TakeError(_env) is { } error)
            {
                Reset(); // a failed SCF leaves a wavefunction not worth restarting from
                var failure = error.Contains("converge", StringComparison.OrdinalIgnoreCase) ? EngineFailure.NotConverged : EngineFailure.Crash;
                throw new EngineException(ProgramName, failure, "single point failed", null, error);
            }
            double energy;
            XtbNative.xtb_getEnergy(_env, _res, &energy);
            double[,]? gradient = null;
            if (EngineResults.WantsGradient(needs))
            {
                gradient = new double[n, 3];
                fixed (double* g = gradient) XtbNative.xtb_getGradient(_env, _res, g);
            }
            Check("read the results");
            return EngineResults.FromAtomicUnits(structure, energy, gradient, needs);
        }
    }

    public IReadOnlyList<BatchItem> ComputeBatch(IReadOnlyList<Structure> structures, Needs needs,
                                                 CancellationToken ct = default, IProgress<int>? progress = null)
    {
        var items = new List<BatchItem>(structures.Count);
        foreach (var s in structures)
        {
            ct.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            try { items.Add(new BatchItem(Compute(s, needs), null, sw.Elapsed.TotalSeconds)); }
            catch (EngineException e) { items.Add(new BatchItem(null, e, sw.Elapsed.TotalSeconds)); }
            progress?.Report(items.Count);
        }
        return items;
    }

    // (Re)creates the handles when the molecule (species, charge, spin) changes; otherwise only positions move.
    private void Prepare(Structure s)
    {
        if (_numbers is not null && _numbers.AsSpan().SequenceEqual(s.Numbers) && _charge == s.Charge && _uhf == s.Multiplicity - 1) return;
        Reset();
        _env = XtbNative.xtb_newEnvironment();
        XtbNative.xtb_setVerbosity(_env, 0);
        int n = s.Count, uhf = s.Multiplicity - 1;
        double charge = s.Charge;
        var numbers = (int[])s.Numbers.Clone();
        var positions = new double[3 * n];
        for (int i = 0; i < n; i++)
        {
            var r = s.Positions[i] / Units.Bohr;
            positions[3 * i] = r.X; positions[3 * i + 1] = r.Y; positions[3 * i + 2] = r.Z;
        }
        fixed (int* z = numbers) fixed (double* p = positions)
            _mol = XtbNative.xtb_newMolecule(_env, &n, z, p, &charge, &uhf, null, null);
        Check("create the molecule");
        _calc = XtbNative.xtb_newCalculator();
        switch (_settings.Method)
        {
            case "gfn2": XtbNative.xtb_loadGFN2xTB(_env, _mol, _calc, null); break;
            case "gfn1": XtbNative.xtb_loadGFN1xTB(_env, _mol, _calc, null); break;
            case "gfn0": XtbNative.xtb_loadGFN0xTB(_env, _mol, _calc, null); break;
            case "gfnff": XtbNative.xtb_loadGFNFF(_env, _mol, _calc, null); break;
            default: throw new ArgumentException($"Unknown xtb method '{_settings.Method}'.");
        }
        Check($"load {_settings.Method}");
        if (_settings.Accuracy is { } acc) XtbNative.xtb_setAccuracy(_env, _calc, acc);
        if (_settings.MaxIterations is { } it) XtbNative.xtb_setMaxIter(_env, _calc, it);
        if (_settings.ElectronicTemperature is { } t) XtbNative.xtb_setElectronicTemp(_env, _calc, t);
        Check("set the options");
        _res = XtbNative.xtb_newResults();
        (_numbers, _charge, _uhf) = (numbers, s.Charge, uhf);
    }

    private void Check(string what)
    {
        if (XtbNative.TakeError(_env) is { } error)
        {
            Reset();
            throw new EngineException(ProgramName, EngineFailure.InvalidInput, $"could not {what}", null, error);
        }
    }

    private void Reset()
    {
        if (_res != 0) XtbNative.xtb_delResults(ref _res);
        if (_calc != 0) XtbNative.xtb_delCalculator(ref _calc);
        if (_mol != 0) XtbNative.xtb_delMolecule(ref _mol);
        if (_env != 0) XtbNative.xtb_delEnvironment(ref _env);
        _numbers = null;
    }

    // The package version, read from the versioned file the soname points to (libxtb.so.6 -> libxtb.so.6.5.1).
    private static string DetectVersion()
    {
        try { XtbNative.xtb_getAPIVersion(); }
        catch (DllNotFoundException)
        {
            throw new EngineException(ProgramName, EngineFailure.NotFound, "libxtb.so.6 not found: apt-get install libxtb6 (Debian's xtb package does not bring it; tessera doctor checks every engine)");
        }
        if (Prerequisites.SonameTarget("libxtb.so.6") is { } target && target.Name.StartsWith("libxtb.so.6.", StringComparison.Ordinal))
            return target.Name["libxtb.so.".Length..];
        return $"api-{XtbNative.xtb_getAPIVersion()}";
    }

    public void Dispose()
    {
        lock (Global) Reset();
    }
}
