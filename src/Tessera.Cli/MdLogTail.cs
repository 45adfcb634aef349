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
}
