namespace Tessera.IO;

/// <summary>The keywords of an n2p2 input.nn file: each line "keyword words... # comment"; a keyword may
/// repeat (symfunction_short, atom_energy). Keeps line numbers for error messages.</summary>
internal sealed class N2p2Settings
{
    public string File { get; }
    private readonly List<(string Key, string[] Words, int Line)> _entries = [];

    private N2p2Settings(string file) { File = file; }

    public static N2p2Settings Read(string path)
    {
        var s = new N2p2Settings(path);
        int number = 0;
        foreach (var raw in System.IO.File.ReadLines(path))
        {
            number++;
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

    public (string[] Words, int Line) One(string key)
    {
        var found = All(key).ToList();
        if (found.Count == 0) throw new FileFormatException(File, 0, $"keyword '{key}' is missing.");
        return found[0];
    }

    public double Number(string key, double fallback)
    {
        var found = All(key).ToList();
        if (found.Count == 0) return fallback;
        var (w, line) = found[0];
        if (w.Length < 1 || !double.TryParse(w[0], System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out double v))
            throw new FileFormatException(File, line, $"keyword '{key}' needs a number.");
        return v;
    }
}
