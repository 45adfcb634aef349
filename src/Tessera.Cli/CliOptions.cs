using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary>Range checks on numeric options, run by the parser so a bad value is reported with the option's name
/// ("--timestep must be positive, got -1.") before any file is read or engine started; and the one wrapper that
/// puts an option's name in front of a value parser's message.</summary>
internal static class CliOptions
{
    public static Option<T> Positive<T>(this Option<T> o) where T : struct, INumber<T> => o.Check(v => v > T.Zero, "must be positive");

    public static Option<T> AtLeast<T>(this Option<T> o, T min) where T : struct, INumber<T> => o.Check(v => v >= min, $"must be at least {Text(min)}");

    public static Option<T> AtMost<T>(this Option<T> o, T max) where T : struct, INumber<T> => o.Check(v => v <= max, $"must be at most {Text(max)}");

    public static Option<T> Between<T>(this Option<T> o, T min, T max) where T : struct, INumber<T> =>
        o.Check(v => v >= min && v <= max, $"must be between {Text(min)} and {Text(max)}");

    /// <summary>An optional value, when given, at least <paramref name="min"/>.</summary>
    public static Option<int?> AtLeast(this Option<int?> o, int min) => o.CheckGiven(v => v >= min, $"must be at least {min}");

    /// <summary>An optional value, when given, between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static Option<int?> Between(this Option<int?> o, int min, int max) => o.CheckGiven(v => v >= min && v <= max, $"must be between {min} and {max}");

    /// <summary>One of a few words (exactly as listed), listed in the error.</summary>
    public static Option<string> OneOf(this Option<string> o, params string[] words) => o.Words(words, StringComparer.Ordinal);

    /// <summary>An optional structure format, when given, one of <see cref="StructureFile.Formats"/> (any case).</summary>
    public static Option<string?> StructureFormat(this Option<string?> o) => o.Words([.. StructureFile.Formats], StringComparer.OrdinalIgnoreCase);

    private static Option<T> Words<T>(this Option<T> o, string[] words, StringComparer comparer)
    {
        o.Validators.Add(r =>
        {
            if (TryValue(r, out string? v) && v is not null && !words.Contains(v.Trim(), comparer))
                r.AddError($"{o.Name} must be one of {string.Join(", ", words)}, got '{v}'.");
        });
        return o;
    }

    /// <summary>Parses an option's text value; a parser's complaint comes back as an ArgumentException that names the option.</summary>
    public static T Parse<T>(string option, string text, Func<string, T> parse)
    {
        try { return parse(text); }
        catch (Exception e) when (e is FormatException or ArgumentException and not ArgumentNullException)
        {
            throw new ArgumentException($"{option} '{text}': {CliErrors.Message(e)}", e);
        }
    }

    /// <summary>A comma-separated list of integers ("16,16"), each between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static int[] IntList(string option, string text, int min, int max = int.MaxValue) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max ? n
                : throw new ArgumentException($"{option} '{text}': '{t}' is not an integer " +
                                              (max == int.MaxValue ? $"of at least {min}." : $"between {min} and {max}.")))
            .ToArray();

    private static Option<T> Check<T>(this Option<T> o, Func<T, bool> ok, string rule) where T : struct, INumber<T>
    {
        o.Validators.Add(r =>
        {
            if (TryValue(r, out T v) && !ok(v)) r.AddError($"{o.Name} {rule}, got {Text(v)}.");
        });
        return o;
    }

    private static Option<int?> CheckGiven(this Option<int?> o, Func<int, bool> ok, string rule)
    {
        o.Validators.Add(r =>
        {
            if (TryValue(r, out int? v) && v is { } given && !ok(given)) r.AddError($"{o.Name} {rule}, got {Text(given)}.");
        });
        return o;
    }

    // A value that does not parse ("--rank two") is the parser's own error; reading it here would throw instead.
    private static bool TryValue<T>(System.CommandLine.Parsing.OptionResult r, out T value)
    {
        try { value = r.GetValueOrDefault<T>(); return true; }
        catch (InvalidOperationException) { value = default!; return false; }
    }

    private static string Text<T>(T v) where T : IFormattable => v.ToString(null, CultureInfo.InvariantCulture);
}
