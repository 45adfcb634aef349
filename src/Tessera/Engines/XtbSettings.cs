using System.Globalization;

namespace Tessera.Engines;

/// <summary>How to run xtb. Build with <see cref="Create"/>, which validates every field.</summary>
/// <param name="Method">gfn2, gfn1, gfn0 or gfnff.</param>
/// <param name="Program">Executable path, or a name searched on PATH.</param>
/// <param name="Threads">OMP_NUM_THREADS per run (1 so parallel workers do not oversubscribe); in process (xtb-native) also
/// OpenBLAS's threads.</param>
/// <param name="OmpStackSize">OMP_STACKSIZE per run.</param>
/// <param name="Accuracy">--acc (null: xtb's default 1.0).</param>
/// <param name="ElectronicTemperature">--etemp in K (null: xtb's default 300 K).</param>
/// <param name="MaxIterations">--iterations (null: xtb's default 250).</param>
/// <param name="Solvent">--alpb solvent name (null: gas phase).</param>
/// <param name="Timeout">Wall-clock limit per run (null: none).</param>
public sealed record XtbSettings(string Method, string Program, int Threads, string OmpStackSize,
                                 double? Accuracy, double? ElectronicTemperature, int? MaxIterations,
                                 string? Solvent, TimeSpan? Timeout)
{
    public static readonly IReadOnlyList<string> Methods = ["gfn2", "gfn1", "gfn0", "gfnff"];

    public static XtbSettings Create(string method = "gfn2", string program = "xtb", int threads = 1,
                                     string ompStackSize = "1G", double? accuracy = null, double? electronicTemperature = null,
                                     int? maxIterations = null, string? solvent = null, TimeSpan? timeout = null)
    {
        var m = method.Trim().ToLowerInvariant().Replace("-xtb", "").Replace("-", "");
        if (!Methods.Contains(m))
            throw new ArgumentException($"Unknown xtb method '{method}'; known: {string.Join(", ", Methods)}.");
        if (threads < 1) throw new ArgumentException($"xtb threads must be at least 1, got {threads}.");
        if (accuracy is <= 0) throw new ArgumentException($"xtb accuracy must be positive, got {accuracy}.");
        if (electronicTemperature is <= 0) throw new ArgumentException($"xtb electronic temperature must be positive, got {electronicTemperature}.");
        if (maxIterations is < 1) throw new ArgumentException($"xtb iterations must be at least 1, got {maxIterations}.");
        if (timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentException("xtb timeout must be positive.");
        if (string.IsNullOrWhiteSpace(program)) throw new ArgumentException("xtb program path is empty.");
        return new XtbSettings(m, program, threads, ompStackSize, accuracy, electronicTemperature, maxIterations,
                               string.IsNullOrWhiteSpace(solvent) ? null : solvent.Trim().ToLowerInvariant(), timeout);
    }

    /// <summary>Options that change the numbers, as a canonical string (cache key); threads and paths do not.</summary>
    public string CanonicalOptions()
    {
        var parts = new List<string>();
        if (Accuracy is { } a) parts.Add("acc=" + a.ToString("R", CultureInfo.InvariantCulture));
        if (ElectronicTemperature is { } t) parts.Add("etemp=" + t.ToString("R", CultureInfo.InvariantCulture));
        if (MaxIterations is { } i) parts.Add("iterations=" + i.ToString(CultureInfo.InvariantCulture));
        if (Solvent is { } s) parts.Add("alpb=" + s);
        return string.Join(";", parts);
    }
}
