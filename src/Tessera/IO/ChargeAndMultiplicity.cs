namespace Tessera.IO;

/// <summary>Total charge and spin multiplicity from comment-line keys, the one reading shared by xyz and extxyz
/// (ASE reads key=value pairs in both): the first integral <c>charge</c>/<c>total_charge</c> and
/// <c>multiplicity</c>/<c>spin_multiplicity</c>. A non-integral charge is left alone (it may be a partial
/// charge sum); a multiplicity that is not a positive integer is an error, since it would set a wrong spin.</summary>
internal static class ChargeAndMultiplicity
{
    public static readonly string[] ChargeKeys = ["charge", "total_charge"];
    public static readonly string[] MultiplicityKeys = ["multiplicity", "spin_multiplicity"];

    /// <summary>Sets <paramref name="s"/>'s charge and multiplicity from <paramref name="keys"/>; returns the keys used.</summary>
    public static List<string> Take(Core.Structure s, IReadOnlyDictionary<string, object> keys, LineReader r, int line)
    {
        var used = new List<string>();
        foreach (var key in ChargeKeys)
            if (keys.TryGetValue(key, out var v) && AsInt(v) is int q) { s.Charge = q; used.Add(key); break; }
        foreach (var key in MultiplicityKeys)
        {
            if (!keys.TryGetValue(key, out var v)) continue;
            s.Multiplicity = AsInt(v) is >= 1 and int m ? m
                : throw r.Error(line, $"{key}={v} is not a spin multiplicity (2S+1, a positive integer: 1 singlet, 2 doublet, ...).");
            used.Add(key);
            break;
        }
        return used;
    }

    private static int? AsInt(object v) => v switch
    {
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        double d when d == Math.Round(d) && Math.Abs(d) < int.MaxValue => (int)d,
        _ => null,
    };
}
