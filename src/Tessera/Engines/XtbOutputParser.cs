using System.Globalization;

namespace Tessera.Engines;

/// <summary>Pure parsers of xtb's output: the summary energy in its standard output and the Turbomole-format
/// <c>gradient</c> file. Units as xtb writes them: Hartree and Hartree/Bohr.</summary>
public static class XtbOutputParser
{
    /// <summary>The last "| TOTAL ENERGY  -x.xxx Eh |" line of the standard output (12 decimals), or null.
    /// (xtbout.json rounds to 8 decimals, too coarse for 1e-8 Hartree comparisons.)</summary>
    public static double? TotalEnergy(string stdout)
    {
        double? energy = null;
        foreach (var raw in stdout.Split('\n'))
        {
            int at = raw.IndexOf("TOTAL ENERGY", StringComparison.Ordinal);
            if (at < 0 || !raw.Contains("Eh", StringComparison.Ordinal)) continue;
            var tokens = raw[(at + 12)..].Split([' ', '|', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length >= 2 && tokens[1] == "Eh" && TryNumber(tokens[0], out var e)) energy = e;
        }
        return energy;
    }

    /// <summary>The energy (Hartree) and gradient (Hartree/Bohr, atoms x 3) of the last cycle in a Turbomole
    /// <c>$grad</c> file.</summary>
    /// <exception cref="FormatException">When the block is missing or malformed.</exception>
    public static (double Energy, double[,] Gradient) Gradient(string text, int atoms)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToArray();
        int cycle = Array.FindLastIndex(lines, l => l.StartsWith("cycle", StringComparison.Ordinal));
        if (cycle < 0) throw new FormatException("no 'cycle =' line in the gradient file");
        double energy = CycleEnergy(lines[cycle]);
        if (cycle + 2 * atoms >= lines.Length)
            throw new FormatException($"gradient file too short for {atoms} atoms");
        var g = new double[atoms, 3];
        for (int i = 0; i < atoms; i++)
        {
            var t = lines[cycle + 1 + atoms + i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (t.Length != 3) throw new FormatException($"gradient line '{lines[cycle + 1 + atoms + i]}' does not hold 3 numbers");
            for (int c = 0; c < 3; c++)
                g[i, c] = TryNumber(t[c], out var v) ? v : throw new FormatException($"bad number '{t[c]}' in the gradient file");
        }
        return (energy, g);
    }

    private static double CycleEnergy(string line)
    {
        int at = line.IndexOf("energy =", StringComparison.Ordinal);
        if (at < 0) throw new FormatException($"no energy on line '{line}'");
        var token = line[(at + 8)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return TryNumber(token, out var e) ? e : throw new FormatException($"bad energy '{token}'");
    }

    /// <summary>xtb's own error lines, innermost cause first: the "-N-" lines of the "[ERROR]" block of the output
    /// ("-1- Found *very* short distance ...", "-1- scf: ... did not converge") and the end of the error stream without
    /// the Fortran stop banner and backtrace; falls back to the output's last lines.</summary>
    public static string ErrorMessage(string stdout, string stderr)
    {
        var own = stdout.Split('\n').Select(l => l.Trim())
            .SkipWhile(l => !l.StartsWith("[ERROR]", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Length > 0 && !l.StartsWith('#')).Reverse();
        var err = stderr.Split('\n').Select(l => l.Trim())
            .Where(l => !l.StartsWith('#') && !l.StartsWith("at ../", StringComparison.Ordinal) && !l.StartsWith("ERROR STOP", StringComparison.Ordinal)
                        && !l.StartsWith("Error termination", StringComparison.Ordinal) && !l.Contains("floating-point exceptions", StringComparison.Ordinal));
        var text = string.Join(Environment.NewLine, own.Concat(err).Where(l => l.Length > 0));
        return text.Length > 0 ? ProcessRunner.Tail(text) : ProcessRunner.Tail(stdout);
    }

    /// <summary>True when the output says the SCF did not converge.</summary>
    public static bool NotConverged(string stdout, string stderr) =>
        stderr.Contains("did not converge", StringComparison.OrdinalIgnoreCase)
        || stdout.Contains("convergence criteria cannot be satisfied", StringComparison.OrdinalIgnoreCase);

    /// <summary>Version from <c>xtb --version</c> ("* xtb version 6.5.1 (...)"), or null.</summary>
    public static string? Version(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            int at = line.IndexOf("xtb version", StringComparison.Ordinal);
            if (at >= 0) return line[(at + 11)..].Trim().Split(' ')[0];
        }
        return null;
    }

    // Fortran may write D exponents.
    private static bool TryNumber(string s, out double v) =>
        double.TryParse(s.Replace('D', 'E').Replace('d', 'e'), NumberStyles.Float, CultureInfo.InvariantCulture, out v);
}
