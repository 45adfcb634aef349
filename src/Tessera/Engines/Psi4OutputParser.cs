using System.Text.Json;

namespace Tessera.Engines;

/// <summary>One line of the driver's result file: energy (Hartree) and gradient (Hartree/Bohr), or psi4's error.</summary>
public sealed record Psi4Record(int Index, bool Ok, double Energy, double[,]? Gradient, string? ErrorKind, string? Error, double Seconds);

/// <summary>Pure parsers of psi4 output: the driver's JSON-lines result file and the version string.</summary>
public static class Psi4OutputParser
{
    /// <summary>Records by index. A truncated last line (psi4 killed while writing) is ignored.</summary>
    /// <exception cref="FormatException">On a malformed line that is not the last.</exception>
    public static IReadOnlyDictionary<int, Psi4Record> Results(string text)
    {
        var result = new Dictionary<int, Psi4Record>();
        var lines = text.Split('\n').Where(l => l.Trim().Length > 0).ToArray();
        for (int n = 0; n < lines.Length; n++)
        {
            try { var r = Record(lines[n]); result[r.Index] = r; }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                if (n == lines.Length - 1) break;
                throw new FormatException($"result line {n + 1} is malformed: {e.Message}");
            }
        }
        return result;
    }

    private static Psi4Record Record(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        int index = root.GetProperty("index").GetInt32();
        double seconds = root.TryGetProperty("seconds", out var s) ? s.GetDouble() : 0;
        if (!root.GetProperty("ok").GetBoolean())
            return new Psi4Record(index, false, double.NaN, null, root.GetProperty("kind").GetString(), root.GetProperty("error").GetString(), seconds);
        double energy = root.GetProperty("energy").GetDouble();
        double[,]? gradient = null;
        if (root.TryGetProperty("gradient", out var g))
        {
            int n = g.GetArrayLength();
            gradient = new double[n, 3];
            int i = 0;
            foreach (var row in g.EnumerateArray())
            {
                if (row.GetArrayLength() != 3) throw new InvalidOperationException("gradient row without 3 components");
                int c = 0;
                foreach (var x in row.EnumerateArray()) gradient[i, c++] = x.GetDouble();
                i++;
            }
        }
        return new Psi4Record(index, true, energy, gradient, null, null, seconds);
    }

    /// <summary>psi4's reason for a failed member: its exception class and first line, plus the line naming the basis
    /// sets it searched (a BasisSetNotFound's first line does not say which); search paths are left out.</summary>
    public static string ErrorMessage(string? kind, string? error)
    {
        var lines = (error ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        var kept = lines.Take(1).Concat(lines.Skip(1).Where(l => l.StartsWith("Basis Sets:", StringComparison.Ordinal)));
        return $"{kind ?? "error"}: {string.Join(Environment.NewLine, kept)}";
    }

    /// <summary>The "Fatal Error" lines of psi4's log (a crash outside the driver's error handling), or null.</summary>
    public static string? FatalError(string log)
    {
        var lines = log.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        int at = Array.FindIndex(lines, l => l.Contains("Fatal Error", StringComparison.OrdinalIgnoreCase));
        return at < 0 ? null : string.Join(Environment.NewLine, lines.Skip(at).Take(3));
    }

    /// <summary>Maps psi4's exception class to a failure kind.</summary>
    public static EngineFailure Classify(string? kind) => kind switch
    {
        "SCFConvergenceError" or "ConvergenceError" or "TDSCFConvergenceError" or "OptimizationConvergenceError" => EngineFailure.NotConverged,
        "ValidationError" or "BasisSetNotFound" or "UpgradeHelper" or "ManagedMethodError" or "MissingMethodError" or "PsiException" or "KeyError" or "TestComparisonError" => EngineFailure.InvalidInput,
        _ => EngineFailure.Crash,
    };

    /// <summary>The version printed by <c>psi4 --version</c> (first non-empty line), or null.</summary>
    public static string? Version(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return line is not null && char.IsDigit(line[0]) ? line.Split(' ')[0] : null;
    }
}
