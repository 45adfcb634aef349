using System.Globalization;

namespace Tessera.IO;

/// <summary>Number formatting and parsing shared by the text formats: invariant culture, round-trip precision,
/// and Python's float syntax (inf, nan) so files written by ASE read the same here.</summary>
internal static class TextNumbers
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Shortest round-trip text, always with a '.' or exponent so readers keep it a float ("2.0", not "2").</summary>
    public static string Format(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsPositiveInfinity(x)) return "inf";
        if (double.IsNegativeInfinity(x)) return "-inf";
        string s = x.ToString("R", Inv);
        return s.AsSpan().IndexOfAny('.', 'E') >= 0 ? s : s + ".0";
    }

    public static string Format(long x) => x.ToString(Inv);

    /// <summary>Parses a float as Python's float() does for the forms files use (sign, exponent, inf, nan).</summary>
    public static bool TryParseDouble(string s, out double x)
    {
        if (double.TryParse(s, NumberStyles.Float, Inv, out x)) return true;
        var t = s.AsSpan().TrimStart('+');
        bool neg = false;
        if (t.StartsWith("-")) { neg = true; t = t[1..]; }
        if (t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        { x = neg ? double.NegativeInfinity : double.PositiveInfinity; return true; }
        if (t.Equals("nan", StringComparison.OrdinalIgnoreCase)) { x = double.NaN; return true; }
        return false;
    }

    public static bool TryParseLong(string s, out long x) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, Inv, out x);

    /// <summary>Parses T/F/True/False (extxyz logicals).</summary>
    public static bool TryParseBool(string s, out bool b)
    {
        switch (s)
        {
            case "T" or "True": b = true; return true;
            case "F" or "False": b = false; return true;
            default: b = false; return false;
        }
    }

    public static double ParseDouble(LineReader r, string token, string what) =>
        TryParseDouble(token, out double x) ? x : throw r.Error($"{what}: '{token}' is not a number.");

    /// <summary>A number that must be finite (n2p2 has no use for inf or nan anywhere).</summary>
    public static double ParseFinite(LineReader r, string token, string what) =>
        TryParseDouble(token, out double x) && double.IsFinite(x) ? x
            : throw r.Error($"{what}: '{token}' is not a {(TryParseDouble(token, out _) ? "finite " : "")}number.");

    public static long ParseLong(LineReader r, string token, string what) =>
        TryParseLong(token, out long x) ? x : throw r.Error($"{what}: '{token}' is not an integer.");

    public static string[] Fields(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
