using Tessera.Core;

namespace Tessera.IO;

/// <summary>Plain xyz: count, comment (kept in Info["comment"]), then "symbol x y z" lines in Angstrom.
/// Carries no cell; charge and multiplicity are read from key=value pairs in the comment
/// (<c>charge=1 multiplicity=2</c>), as ASE does, so a charged xyz is not computed as neutral.</summary>
public static class Xyz
{
    public const string CommentKey = "comment";

    /// <summary>Lazily reads every frame; <paramref name="file"/> names the source in errors.</summary>
    public static IEnumerable<Structure> Read(TextReader reader, string file)
    {
        var r = new LineReader(reader, file);
        while (XyzLines.TryReadCount(r, out int n))
        {
            int countLine = r.Line;
            string comment = XyzLines.ReadComment(r, n);
            var z = new List<int>(XyzLines.InitialCapacity(n));
            var pos = new List<Vec3>(XyzLines.InitialCapacity(n));
            for (int i = 0; i < n; i++)
            {
                var f = TextNumbers.Fields(XyzLines.ReadAtomLine(r, n, i));
                if (f.Length < 4) throw r.Error($"atom line needs a symbol and three coordinates, found {f.Length} fields.");
                z.Add(XyzLines.ParseElement(r, f[0]));
                pos.Add(new Vec3(TextNumbers.ParseDouble(r, f[1], "x coordinate"),
                                 TextNumbers.ParseDouble(r, f[2], "y coordinate"),
                                 TextNumbers.ParseDouble(r, f[3], "z coordinate")));
            }
            var s = new Structure([.. z], [.. pos]);
            s.Info[CommentKey] = comment;
            ChargeAndMultiplicity.Take(s, CommentKeys(comment, r), r, countLine + 1);
            FrameChecks.Check(s, r, countLine + 1, i => countLine + 2 + i);
            yield return s;
        }
    }

    /// <summary>The comment's key=value pairs (the last of a repeated key wins); none when it is free text
    /// that does not split into pairs.</summary>
    private static Dictionary<string, object> CommentKeys(string comment, LineReader r)
    {
        var keys = new Dictionary<string, object>(StringComparer.Ordinal);
        try { foreach (var (k, v) in ExtXyzKeyValues.Parse(comment, r)) keys[k] = v; }
        catch (FileFormatException) { keys.Clear(); }
        return keys;
    }

    /// <summary>The comment, extended by charge=/multiplicity= where reading it back would not give the
    /// structure's own (so a charged or open-shell frame survives a round trip through plain xyz).</summary>
    private static string WithChargeAndMultiplicity(string comment, Structure s)
    {
        var probe = new Structure([], []);
        try { ChargeAndMultiplicity.Take(probe, CommentKeys(comment, new LineReader(TextReader.Null, "")), new LineReader(TextReader.Null, ""), 0); }
        catch (FileFormatException) { probe.Multiplicity = 0; } // an unreadable multiplicity: state the right one after it
        string Sep() => comment.Length > 0 ? " " : "";
        if (probe.Charge != s.Charge) comment += $"{Sep()}charge={TextNumbers.Format(s.Charge)}";
        if (probe.Multiplicity != s.Multiplicity) comment += $"{Sep()}multiplicity={TextNumbers.Format(s.Multiplicity)}";
        return comment;
    }

    public static void Write(TextWriter w, Structure s)
    {
        string comment = s.Info.TryGetValue(CommentKey, out var c) && c is string cs ? cs : "";
        if (comment.Contains('\n') || comment.Contains('\r'))
            throw new ArgumentException("An xyz comment cannot contain a line break.");
        comment = WithChargeAndMultiplicity(comment, s);
        w.Write(s.Count); w.Write('\n');
        w.Write(comment); w.Write('\n');
        for (int i = 0; i < s.Count; i++)
        {
            var p = s.Positions[i];
            w.Write(Element.FromNumber(s.Numbers[i]).Symbol);
            w.Write(' '); w.Write(TextNumbers.Format(p.X));
            w.Write(' '); w.Write(TextNumbers.Format(p.Y));
            w.Write(' '); w.Write(TextNumbers.Format(p.Z));
            w.Write('\n');
        }
    }
}
