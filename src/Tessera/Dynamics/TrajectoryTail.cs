namespace Tessera.Dynamics;

/// <summary>Where the complete frames of an appended extxyz trajectory end. A run killed while appending leaves a
/// torn last frame (fewer lines than its atom count promises, or a last line without its newline); a resumed run
/// cuts it off and continues from the last complete frame instead of failing on it or appending after it.</summary>
public static class TrajectoryTail
{
    /// <summary>The byte length of the complete frames at the start of <paramref name="text"/> and their number.
    /// A count line that is not a number is not a torn tail but a damaged file: the scan stops there and keeps the
    /// rest, so the reader reports it with its line.</summary>
    public static (long End, int Frames) CompleteFrames(ReadOnlySpan<byte> text)
    {
        int pos = 0, frames = 0;
        while (pos < text.Length)
        {
            int countEnd = LineEnd(text, pos);
            if (countEnd < 0) return IsBlank(text[pos..]) ? (text.Length, frames) : (pos, frames);
            var countText = System.Text.Encoding.ASCII.GetString(text[pos..countEnd]).Trim();
            if (countText.Length == 0 && IsBlank(text[pos..])) return (text.Length, frames);
            if (!int.TryParse(countText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int atoms))
                return (text.Length, frames);
            int end = countEnd + 1;
            for (int line = 0; line <= atoms; line++)
            {
                int e = end < text.Length ? LineEnd(text, end) : -1;
                if (e < 0) return (pos, frames);
                end = e + 1;
            }
            pos = end;
            frames++;
        }
        return (pos, frames);
    }

    private static int LineEnd(ReadOnlySpan<byte> text, int from)
    {
        int i = text[from..].IndexOf((byte)'\n');
        return i < 0 ? -1 : from + i;
    }

    private static bool IsBlank(ReadOnlySpan<byte> text)
    {
        foreach (byte b in text) if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }
}
