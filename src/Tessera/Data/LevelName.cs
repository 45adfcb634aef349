namespace Tessera.Data;

/// <summary>The level of theory behind a number, as "program:method[/basis]" ("xtb:gfn2", "psi4:mp2/cc-pvdz"), read
/// from the three ways Tessera records it: an engine spec ("xtb-native:gfn2;acc=0.1"), a data set's engine description
/// ("psi4 1.3.2 mp2 [basis=cc-pvdz;...]") and a calculator name ("fragments(...)[xtb:gfn2 + psi4:mp2/cc-pvdz]", whose
/// level is the high one). Versions and convergence options are left out: they move numbers by far less than a
/// different method or basis, which is what comparing levels must catch.</summary>
public static class LevelName
{
    public static string FromSpec(string spec)
    {
        var head = spec.Split(';')[0].Trim().ToLowerInvariant();
        int colon = head.IndexOf(':');
        var program = Program(colon < 0 ? head : head[..colon]);
        var level = colon < 0 ? "" : head[(colon + 1)..].Trim();
        return $"{program}:{(level.Length == 0 && program == "xtb" ? "gfn2" : level)}";
    }

    /// <summary>From <see cref="DatasetBuilder.Describe"/>'s "program version method [options]".</summary>
    public static string FromDescription(string described)
    {
        var t = described.Trim().ToLowerInvariant().Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        if (t.Length < 3) return described.Trim().ToLowerInvariant();
        var basis = t.Length > 3 ? t[3].Trim('[', ']').Split(';').Select(o => o.Split('=', 2)).FirstOrDefault(kv => kv[0] == "basis" && kv.Length == 2)?[1] : null;
        return $"{Program(t[0])}:{t[2]}{(basis is null ? "" : "/" + basis)}";
    }

    /// <summary>From a calculator name written by <c>tessera calc</c> (an engine name or a fragment assembly).</summary>
    public static string FromCalculator(string name)
    {
        int open = name.LastIndexOf('['), close = name.LastIndexOf(']');
        if (name.StartsWith("fragments(", StringComparison.Ordinal) && open >= 0 && close > open)
            name = name[(open + 1)..close].Split(" + ")[^1];
        return FromSpec(name);
    }

    /// <summary>Either form: a description has a version number as its second word, a spec has a colon.</summary>
    public static string Parse(string recorded) =>
        recorded.Contains('[') && recorded.StartsWith("fragments(", StringComparison.Ordinal) ? FromCalculator(recorded)
        : recorded.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 3 } t && t[1].Length > 0 && char.IsDigit(t[1][0]) ? FromDescription(recorded)
        : FromSpec(recorded);

    // libxtb in-process gives xtb's numbers.
    private static string Program(string p) => p.Trim() == "xtb-native" ? "xtb" : p.Trim();
}
