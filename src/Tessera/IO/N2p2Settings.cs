namespace Tessera.IO;

/// <summary>The keywords of an n2p2 input.nn file: each line "keyword words... # comment"; a keyword may
/// repeat (symfunction_short, atom_energy). Keeps line numbers for error messages; a keyword read once that
/// appears twice, or lacks its value, is an error at its line rather than a guess.</summary>
internal sealed class N2p2Settings
{
    public string File { get; }
    private readonly List<(string Key, string[] Words, int Line)> _entries = [];

    private N2p2Settings(string file) { File = file; }

    public static N2p2Settings Read(string path)
    {
        var s = new N2p2Settings(path);
        foreach (var (raw, number) in LineReader.Lines(path))
        {
            int hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0) continue;
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            s._entries.Add((words[0], words[1..], number));
        }
        return s;
    }

    public bool Has(string key) => _entries.Any(e => e.Key == key);

    public IEnumerable<(string[] Words, int Line)> All(string key) =>
        _entries.Where(e => e.Key == key).Select(e => (e.Words, e.Line));

    /// <summary>The one line of <paramref name="key"/>, with at least <paramref name="values"/> words after it.</summary>
    public (string[] Words, int Line) One(string key, int values = 1)
    {
        var found = All(key).ToList();
        if (found.Count == 0) throw new FileFormatException(File, $"keyword '{key}' is missing.");
        if (found.Count > 1)
            throw new FileFormatException(File, found[1].Line, $"keyword '{key}' appears again (first at line {found[0].Line}); keep one.");
        var (words, line) = found[0];
        if (words.Length < values)
            throw new FileFormatException(File, line, $"keyword '{key}' needs {(values == 1 ? "a value" : $"{values} values")}, found {words.Length}.");
        return found[0];
    }

    public double Number(string key, double fallback)
    {
        if (!Has(key)) return fallback;
        var (w, line) = One(key);
        return N2p2Numbers.Real(w[0], File, line, key);
    }

    public int Integer(string key)
    {
        var (w, line) = One(key);
        return N2p2Numbers.Integer(w[0], File, line, key);
    }
}
