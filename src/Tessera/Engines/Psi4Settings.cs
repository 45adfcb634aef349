using System.Globalization;

namespace Tessera.Engines;

/// <summary>How to run psi4. Build with <see cref="Create"/>, which validates every field.</summary>
/// <param name="Method">psi4 method name as given to energy()/gradient(), e.g. "mp2", "ccsd", "b3lyp", "scf".</param>
/// <param name="Basis">Basis set, e.g. "cc-pvdz".</param>
/// <param name="Options">psi4 options (lowercase keys; values as psi4 reads them), defaults included.</param>
/// <param name="Program">Executable path, or a name searched on PATH.</param>
/// <param name="Threads">psi4 threads (-n) per process.</param>
/// <param name="Memory">psi4 memory, e.g. "2 GB".</param>
/// <param name="Timeout">Wall-clock limit per structure, start-up included; a batch process gets it once per member.</param>
public sealed record Psi4Settings(string Method, string Basis, IReadOnlyDictionary<string, string> Options,
                                  string Program, int Threads, string Memory, TimeSpan? Timeout)
{
    /// <summary>The high level of BENCHMARK.md: density fitting, frozen core, tight convergence.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultOptions = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["scf_type"] = "df",
        ["mp2_type"] = "df",
        ["freeze_core"] = "true",
        ["e_convergence"] = "1e-8",
        ["d_convergence"] = "1e-8",
    };

    /// <param name="methodAndBasis">"method/basis", e.g. "mp2/cc-pvdz" or "b3lyp/6-31+g*".</param>
    /// <param name="options">Overrides and additions to <see cref="DefaultOptions"/>.</param>
    public static Psi4Settings Create(string methodAndBasis, IReadOnlyDictionary<string, string>? options = null,
                                      string program = "psi4", int threads = 1, string memory = "2 GB", TimeSpan? timeout = null)
    {
        var parts = methodAndBasis.Trim().ToLowerInvariant().Split('/', 2);
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new ArgumentException($"psi4 level '{methodAndBasis}' must be 'method/basis', e.g. 'mp2/cc-pvdz'.");
        if (parts[0].Any(ch => !(char.IsLetterOrDigit(ch) || ch is '-' or '_' or '(' or ')' or '+')))
            throw new ArgumentException($"psi4 method '{parts[0]}' contains characters psi4 method names never have.");
        if (parts[1].Any(ch => char.IsWhiteSpace(ch) || ch is '"' or '\''))
            throw new ArgumentException($"psi4 basis '{parts[1]}' contains spaces or quotes.");
        if (threads < 1) throw new ArgumentException($"psi4 threads must be at least 1, got {threads}.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(memory.Trim(), @"^\d+(\.\d+)?\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            throw new ArgumentException($"psi4 memory '{memory}' must look like '2 GB' or '500 MB'.");
        if (timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentException("psi4 timeout must be positive.");
        var merged = new SortedDictionary<string, string>(DefaultOptions.ToDictionary(), StringComparer.Ordinal);
        foreach (var (k, v) in options ?? new Dictionary<string, string>())
        {
            var key = k.Trim().ToLowerInvariant();
            if (key.Length == 0 || !key.All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
                throw new ArgumentException($"psi4 option name '{k}' is not a psi4 keyword.");
            if (key == "basis") throw new ArgumentException("Give the basis in the level string ('method/basis'), not as an option.");
            merged[key] = v.Trim().ToLowerInvariant();
        }
        return new Psi4Settings(parts[0], parts[1], merged, program, threads, memory.Trim(), timeout);
    }

    /// <summary>Basis and options as a canonical string (cache key); threads, memory and paths do not change numbers.</summary>
    public string CanonicalOptions() =>
        "basis=" + Basis + ";" + string.Join(";", Options.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                                                         .Select(kv => kv.Key + "=" + CanonicalValue(kv.Value)));

    // 1e-8, 1E-08 and 0.00000001 are the same number.
    private static string CanonicalValue(string v) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString("R", CultureInfo.InvariantCulture) : v;
}
