using System.Globalization;

namespace Tessera.Engines;

/// <summary>Builds engines from spec strings: <c>"xtb:gfn2"</c>, <c>"xtb:gfn1;acc=0.1;threads=2"</c>,
/// <c>"psi4:mp2/cc-pvdz"</c>, <c>"psi4:b3lyp/6-31+g*;reference=uks;memory=4 GB"</c>. After the level, <c>;key=value</c>
/// pairs set run options (program, threads, memory, timeout in seconds) or engine options (xtb: acc, etemp,
/// iterations, alpb; psi4: any psi4 keyword).</summary>
public static class EngineFactory
{
    /// <summary>Engine names a spec may start with.</summary>
    public static readonly IReadOnlyList<string> Programs = ["xtb", "xtb-native", "psi4"];

    public static IEngine Create(string spec, IReadOnlyDictionary<string, string>? options = null)
    {
        var (program, level, pairs) = Parse(spec);
        foreach (var (k, v) in options ?? new Dictionary<string, string>()) pairs[k.Trim().ToLowerInvariant()] = v.Trim();
        return program switch
        {
            "xtb" => new XtbEngine(XtbFrom(level.Length == 0 ? "gfn2" : level, pairs)),
            "xtb-native" => new XtbLibraryEngine(XtbFrom(level.Length == 0 ? "gfn2" : level, pairs)),
            "psi4" => new Psi4Engine(Psi4From(level, pairs)),
            _ => throw new ArgumentException($"Unknown engine '{program}' in '{spec}'; known: xtb, xtb-native (in-process libxtb), psi4 (e.g. 'xtb:gfn2', 'psi4:mp2/cc-pvdz')."),
        };
    }

    /// <summary>The engine wrapped with a result cache (default location when <paramref name="cachePath"/> is null).</summary>
    public static CachedPotential CreateCached(string spec, string? cachePath = null, IReadOnlyDictionary<string, string>? options = null) =>
        new(Create(spec, options), new ResultCache(cachePath));

    private static (string Program, string Level, Dictionary<string, string> Pairs) Parse(string spec)
    {
        var parts = spec.Split(';');
        var head = parts[0].Trim();
        int colon = head.IndexOf(':');
        var program = (colon < 0 ? head : head[..colon]).Trim().ToLowerInvariant();
        var level = colon < 0 ? "" : head[(colon + 1)..].Trim();
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in parts.Skip(1).Where(p => p.Trim().Length > 0))
        {
            int eq = p.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"Option '{p.Trim()}' in '{spec}' is not 'key=value'.");
            pairs[p[..eq].Trim().ToLowerInvariant()] = p[(eq + 1)..].Trim();
        }
        return (program, level, pairs);
    }

    private static XtbSettings XtbFrom(string level, Dictionary<string, string> pairs)
    {
        var known = new HashSet<string> { "program", "threads", "timeout", "acc", "etemp", "iterations", "alpb", "ompstacksize" };
        var unknown = pairs.Keys.Where(k => !known.Contains(k)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Unknown xtb option(s) {string.Join(", ", unknown)}; known: {string.Join(", ", known)}.");
        return XtbSettings.Create(level, Take(pairs, "program") ?? "xtb", Int(pairs, "threads") ?? 1, Take(pairs, "ompstacksize") ?? "1G",
                                  Real(pairs, "acc"), Real(pairs, "etemp"), Int(pairs, "iterations"), Take(pairs, "alpb"), Seconds(pairs));
    }

    private static Psi4Settings Psi4From(string level, Dictionary<string, string> pairs)
    {
        var program = Take(pairs, "program") ?? "psi4";
        int threads = Int(pairs, "threads") ?? 1;
        var memory = Take(pairs, "memory") ?? "2 GB";
        var timeout = Seconds(pairs);
        pairs.Remove("timeout");
        return Psi4Settings.Create(level, pairs, program, threads, memory, timeout);
    }

    private static string? Take(Dictionary<string, string> pairs, string key) =>
        pairs.Remove(key, out var v) ? v : null;

    private static int? Int(Dictionary<string, string> pairs, string key) =>
        Take(pairs, key) is not { } v ? null
        : int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i
        : throw new ArgumentException($"Option {key}='{v}' is not an integer.");

    private static double? Real(Dictionary<string, string> pairs, string key) =>
        Take(pairs, key) is not { } v ? null
        : double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : throw new ArgumentException($"Option {key}='{v}' is not a number.");

    private static TimeSpan? Seconds(Dictionary<string, string> pairs) =>
        pairs.ContainsKey("timeout") ? TimeSpan.FromSeconds(Real(pairs, "timeout")!.Value) : null;
}
