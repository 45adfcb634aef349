using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tessera.IO;

/// <summary>The extxyz comment line as key=value pairs, parsed and written as ASE 3.22's
/// key_val_str_to_dict / key_val_dict_to_str do. Values become long, double, bool, string or arrays
/// (long[], double[], bool[]). Deviations: an unterminated quote is an error (ASE accepts it silently),
/// "True"/"False" also read as bools, and writing escapes backslashes so strings round-trip.</summary>
internal static partial class ExtXyzKeyValues
{
    /// <summary>Keys ASE requires to hold a 9-number (3x3) array.</summary>
    public static readonly string[] Special33 = ["Lattice", "virial", "stress"];

    [GeneratedRegex(@"[^\s,]+")]
    private static partial Regex TokenRegex();

    public static List<KeyValuePair<string, object>> Parse(string line, LineReader r)
    {
        var result = new List<KeyValuePair<string, object>>();
        foreach (var (key, raw) in Split(line, r))
        {
            object value = raw is null ? true : key.Equals("uid", StringComparison.OrdinalIgnoreCase) ? raw : Convert(raw);
            if (Array.IndexOf(Special33, key) >= 0)
            {
                value = value switch
                {
                    double[] { Length: 9 } d => d,
                    long[] { Length: 9 } l => l.Select(v => (double)v).ToArray(),
                    _ => throw r.Error($"{key} must hold 9 numbers (a 3x3 matrix), found '{raw}'."),
                };
            }
            result.Add(new(key, value));
        }
        return result;
    }

    /// <summary>Character-by-character split mirroring ASE: quotes and brackets group, backslash escapes,
    /// a key without '=' is a flag (null value), and extra '=' are kept inside the value.</summary>
    private static List<(string Key, string? Value)> Split(string line, LineReader r)
    {
        var pairs = new List<List<StringBuilder>> { new() { new StringBuilder() } };
        char? closing = null;
        bool escaped = false, started = false; // started: the current segment has content (an empty "" counts)
        foreach (char c in line.Trim())
        {
            var cur = pairs[^1];
            if (escaped) { cur[^1].Append(c); escaped = false; started = true; }
            else if (c == '\\') escaped = true;
            else if (closing is not null) { if (c == closing) closing = null; else cur[^1].Append(c); }
            else if (c is '"' or '\'' or '{' or '[') { closing = c switch { '{' => '}', '[' => ']', _ => c }; started = true; }
            else if (char.IsWhiteSpace(c))
            {
                if (!started) continue;
                pairs.Add([new StringBuilder()]);
                started = false;
            }
            else if (c == '=')
            {
                if (cur.Count == 1 && !started && pairs.Count > 1) { pairs.RemoveAt(pairs.Count - 1); cur = pairs[^1]; }
                cur.Add(new StringBuilder());
                started = false;
            }
            else { cur[^1].Append(c); started = true; }
        }
        if (closing is not null) throw r.Error($"unterminated quote or bracket in the comment line (missing {closing}).");
        var list = new List<(string, string?)>();
        foreach (var p in pairs)
        {
            if (p.Count == 1 && p[0].Length == 0) continue;
            string key = p[0].ToString();
            if (key.Length == 0) throw r.Error("a value without a key in the comment line.");
            list.Add((key, p.Count == 1 ? null : string.Join("=", p.Skip(1))));
        }
        return list;
    }

    /// <summary>ASE's typing: all-integer tokens, else all-float tokens, else all T/F, else the string itself.</summary>
    private static object Convert(string raw)
    {
        var tokens = TokenRegex().Matches(raw).Select(m => m.Value).ToArray();
        if (tokens.Length == 0) return raw;
        var longs = new long[tokens.Length];
        if (All(tokens, longs, TextNumbers.TryParseLong)) return longs.Length == 1 ? longs[0] : longs;
        var doubles = new double[tokens.Length];
        if (All(tokens, doubles, TextNumbers.TryParseDouble)) return doubles.Length == 1 ? doubles[0] : doubles;
        var bools = new bool[tokens.Length];
        if (All(tokens, bools, TextNumbers.TryParseBool)) return bools.Length == 1 ? bools[0] : bools;
        return raw.StartsWith("_JSON ", StringComparison.Ordinal) ? FromJson(raw) : raw;
    }

    /// <summary>ASE writes lists it cannot flatten as "_JSON [...]"; flat lists of numbers or bools become
    /// arrays (as ASE's np.array), anything else stays the raw string.</summary>
    private static object FromJson(string raw)
    {
        try
        {
            using var doc = JsonDocument.Parse(raw["_JSON ".Length..]);
            var e = doc.RootElement;
            if (e.ValueKind != JsonValueKind.Array) return raw;
            var items = e.EnumerateArray().ToList();
            if (items.Count > 0 && items.All(x => x.ValueKind is JsonValueKind.True or JsonValueKind.False))
                return items.Select(x => x.GetBoolean()).ToArray();
            if (items.Count == 0 || !items.All(x => x.ValueKind == JsonValueKind.Number)) return raw;
            if (items.All(x => x.TryGetInt64(out _))) return items.Select(x => x.GetInt64()).ToArray();
            return items.Select(x => x.GetDouble()).ToArray();
        }
        catch (JsonException) { return raw; }
    }

    private delegate bool TryParse<T>(string s, out T value);

    private static bool All<T>(string[] tokens, T[] into, TryParse<T> parse)
    {
        for (int i = 0; i < tokens.Length; i++)
            if (!parse(tokens[i], out into[i])) return false;
        return true;
    }

    /// <summary>One key=value item as ASE writes it (a true bool written as "key=T").</summary>
    public static string Format(string key, object value) => $"{Escape(key)}={Escape(ValueText(key, value))}";

    private static string ValueText(string key, object value) => value switch
    {
        string s => s.Contains('\n') || s.Contains('\r')
            ? throw new ArgumentException($"Info value '{key}' contains a line break; extxyz cannot hold it.") : s,
        bool b => b ? "T" : "F",
        double d => TextNumbers.Format(d),
        float f => TextNumbers.Format(f),
        long l => TextNumbers.Format(l),
        int i => TextNumbers.Format(i),
        double[] a => string.Join(' ', a.Select(TextNumbers.Format)),
        long[] a => string.Join(' ', a.Select(TextNumbers.Format)),
        int[] a => string.Join(' ', a.Select(v => TextNumbers.Format(v))),
        bool[] a => string.Join(' ', a.Select(v => v ? "T" : "F")),
        _ => throw new ArgumentException($"Info value '{key}' has type {value.GetType().Name}, which extxyz cannot hold " +
                                         "(use double, long, int, bool, string or arrays of numbers/bools)."),
    };

    /// <summary>ASE's escape(), plus backslashes escaped so they survive the reader.</summary>
    private static string Escape(string s)
    {
        bool quote = s.Length == 0 || s.AsSpan().IndexOfAny(" \t\"'{}[]=\\") >= 0;
        if (!quote) return s;
        return "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
