using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tessera.Core;

namespace Tessera.Engines;

/// <summary>The identity of a calculation: engine (program, version, method, options), charge, multiplicity
/// and geometry (species, positions rounded to 1e-8 Angstrom, cell, pbc), hashed with SHA-256.</summary>
public static class ResultKey
{
    /// <summary>Decimals kept in positions and cell (1e-8 Angstrom).</summary>
    public const int Decimals = 8;

    public static string Of(EngineIdentity engine, Structure s)
    {
        var text = $"{engine.Program}\n{engine.Version}\n{engine.Method}\n{engine.Options}\n{CanonicalGeometry(s)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A canonical text of everything about the structure that changes an energy.</summary>
    public static string CanonicalGeometry(Structure s)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"charge={s.Charge} multiplicity={s.Multiplicity} atoms={s.Count}\n");
        for (int i = 0; i < s.Count; i++)
            sb.Append(s.Numbers[i].ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Vector(s.Positions[i])).Append('\n');
        sb.Append("pbc=").Append(string.Concat(s.Pbc.Select(p => p ? 'T' : 'F'))).Append('\n');
        if (s.Cell is { } c) sb.Append("cell=").Append(Vector(c.R0)).Append(' ').Append(Vector(c.R1)).Append(' ').Append(Vector(c.R2));
        return sb.ToString();
    }

    private static string Vector(Vec3 v) => $"{Round(v.X)} {Round(v.Y)} {Round(v.Z)}";

    // Adding 0.0 turns -0 into +0 so that -1e-12 and +1e-12 share a key.
    private static string Round(double x) => (Math.Round(x, Decimals) + 0.0).ToString("F" + Decimals, CultureInfo.InvariantCulture);
}
