using System.Globalization;

namespace Tessera.Cli;

/// <summary>The part of an md log (written by <see cref="MdFileObserver"/>) that a resumed run keeps: header lines
/// and complete rows up to the step it resumes from. Rows after it were logged by the killed run past its last
/// trajectory frame and are logged again by the resumed run, so keeping them would duplicate them.</summary>
internal static class MdLogTail
{
    /// <summary>Byte length of the leading complete lines that are comments or rows with step &lt;= <paramref name="step"/>.</summary>
    public static long RowsUpTo(ReadOnlySpan<byte> log, long step)
    {
        int pos = 0;
        while (pos < log.Length)
        {
            int n = log[pos..].IndexOf((byte)'\n');
            if (n < 0) break; // a torn last row
            var line = System.Text.Encoding.UTF8.GetString(log.Slice(pos, n));
            if (!line.StartsWith('#'))
            {
                var first = line.Split(' ', 2)[0];
                if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out long s) || s > step) break;
            }
            pos += n + 1;
        }
        return pos;
    }

    /// <summary>The named columns of the log's last row when that row is at <paramref name="step"/> (what a resumed run
    /// continues from); null when the log is missing, has no such columns, or ends at another step.</summary>
    public static long[]? LastRow(string log, long step, params string[] columns)
    {
        if (!File.Exists(log)) return null;
        string[]? names = null, last = null;
        foreach (var line in File.ReadLines(log))
        {
            if (line.StartsWith("# step ")) names = line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            else if (!line.StartsWith('#') && line.Length > 0) last = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        if (names is null || last is null || last.Length != names.Length || last[0] != step.ToString(CultureInfo.InvariantCulture)) return null;
        var values = new long[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            int at = Array.IndexOf(names, columns[c]);
            if (at < 0 || !long.TryParse(last[at], NumberStyles.None, CultureInfo.InvariantCulture, out values[c])) return null;
        }
        return values;
    }
}
