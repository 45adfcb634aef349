using System.Diagnostics;
using System.Text.Json;
using Tessera.Core;
using Tessera.Tests.BadInput;

namespace Tessera.Tests.Interop;

/// <summary>Runs a script with Debian's python3 and the tree's python/ package (tessera.TesseraCalculator) on
/// PYTHONPATH, driving this build's CLI. The script gets the structure as JSON and prints its results as JSON.</summary>
public static class PythonCalculator
{
    private const string Preamble = """
        import sys, json, os
        import numpy as np
        from ase import Atoms
        from tessera import TesseraCalculator, TesseraError
        inp = json.load(open(sys.argv[1]))
        atoms = Atoms(inp["symbols"], positions=inp["positions"], cell=inp["cell"], pbc=inp["pbc"])
        def calc(model):
            return TesseraCalculator(model=model, tessera=inp["tessera"], timeout=60)
        def gone(pid):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            return False
        out = {}

        """;

    /// <summary>Why the tests cannot run here (no /usr/bin/python3 or no ASE), or null.</summary>
    public static readonly Lazy<string?> Missing = new(() =>
    {
        if (!File.Exists(AseSocketServer.Python)) return $"{AseSocketServer.Python} is absent";
        var psi = new ProcessStartInfo(AseSocketServer.Python, ["-c", "import ase, numpy"]) { RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return p.ExitCode == 0 ? null : $"{AseSocketServer.Python} cannot import ase and numpy";
    });

    /// <summary>Runs <paramref name="body"/> (Python, after the preamble) on <paramref name="s"/>; returns its `out`.</summary>
    public static JsonElement Run(string body, Structure s)
    {
        string folder = Directory.CreateTempSubdirectory("tessera-pytest-").FullName;
        try
        {
            string script = Path.Combine(folder, "test.py"), input = Path.Combine(folder, "input.json");
            File.WriteAllText(script, Preamble + body + "\nprint(json.dumps(out))\n");
            File.WriteAllText(input, JsonSerializer.Serialize(new
            {
                symbols = string.Concat(s.Symbols),
                positions = s.Positions.Select(r => new[] { r.X, r.Y, r.Z }),
                cell = s.Cell is { } c ? new[] { c[0], c[1], c[2] }.Select(v => new[] { v.X, v.Y, v.Z }) : null,
                pbc = s.Pbc,
                tessera = CliProcess.Command,
            }));
            var psi = new ProcessStartInfo(AseSocketServer.Python, [script, input])
            { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            psi.Environment["PYTHONPATH"] = BadInputRunner.RepoPath("python");
            psi.Environment["TESSERA_CACHE"] = Path.Combine(folder, "results.sqlite");
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(120))) p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"python exited with {p.ExitCode}:\n{stderr.Result}");
            return JsonDocument.Parse(stdout.Result).RootElement.Clone();
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    public static Vec3[] Vectors(JsonElement e) =>
        e.EnumerateArray().Select(v => new Vec3(v[0].GetDouble(), v[1].GetDouble(), v[2].GetDouble())).ToArray();

    /// <summary>Whether a process with this id still exists.</summary>
    public static bool Alive(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
    }
}

/// <summary>A fact skipped, with the reason, where /usr/bin/python3 or ASE is absent.</summary>
public sealed class PythonAseFactAttribute : FactAttribute
{
    public PythonAseFactAttribute()
    {
        if (PythonCalculator.Missing.Value is { } why) Skip = why;
    }
}
