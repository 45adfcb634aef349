using System.Diagnostics;
using System.Text.Json;
using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Tests.Interop;

/// <summary>Runs ASE (Debian's /usr/bin/python3 with python3-ase) as an i-PI server: SocketIOCalculator on a Unix
/// socket drives a few velocity Verlet steps and prints every frame's positions, energy and forces as JSON.</summary>
public sealed class AseSocketServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys, json
        import numpy as np
        from ase import Atoms, units
        from ase.calculators.socketio import SocketIOCalculator
        from ase.md.verlet import VelocityVerlet
        from ase.md.velocitydistribution import MaxwellBoltzmannDistribution
        name, symbols, positions, steps = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
        atoms = Atoms(symbols, positions=positions)
        MaxwellBoltzmannDistribution(atoms, temperature_K=600, rng=np.random.RandomState(4))
        frames = []
        with SocketIOCalculator(unixsocket=name, timeout=30) as calc:
            atoms.calc = calc
            dyn = VelocityVerlet(atoms, 0.5 * units.fs)
            dyn.attach(lambda: frames.append(dict(positions=atoms.positions.tolist(),
                                                  energy=float(atoms.get_potential_energy()),
                                                  forces=atoms.get_forces().tolist())), interval=1)
            dyn.run(steps)
        print(json.dumps(dict(hartree=units.Ha, bohr=units.Bohr, frames=frames)))
        """;

    public sealed record Frame(double[][] Positions, double Energy, double[][] Forces);
    public sealed record Output(double Hartree, double Bohr, Frame[] Frames);

    private readonly Process _process;
    private readonly Task<string> _stdout, _stderr;
    private readonly string _script;

    /// <summary>The socket name (ASE listens on /tmp/ipi_NAME).</summary>
    public string Name { get; }

    private AseSocketServer(Process p, string name, string script)
    {
        _process = p; Name = name; _script = script;
        _stdout = p.StandardOutput.ReadToEndAsync();
        _stderr = p.StandardError.ReadToEndAsync();
    }

    public static AseSocketServer Start(Structure s, int steps)
    {
        Assert.True(File.Exists(Python), "Debian python3 with ASE is required");
        string name = $"tessera_ase_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        string script = Path.Combine(Path.GetTempPath(), $"{name}.py");
        File.WriteAllText(script, Script);
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        string symbols = string.Concat(s.Symbols);
        string positions = JsonSerializer.Serialize(s.Positions.Select(r => new[] { r.X, r.Y, r.Z }));
        foreach (var a in new[] { script, name, symbols, positions, steps.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        return new AseSocketServer(Process.Start(psi)!, name, script);
    }

    public async Task<Output> ResultAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(_process.ExitCode == 0, await _stderr);
        return JsonSerializer.Deserialize<Output>(await _stdout, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    /// <summary>Checks every frame against a direct evaluation. ASE 3.22 converts with CODATA 2014 Bohr and Hartree,
    /// Tessera with 2018 (1e-8 relative apart): both conversions are undone exactly so the comparison can be tight.</summary>
    public static void AssertFramesMatch(Output output, IPotential potential, Structure template, double energyTol, double forceTol)
    {
        double lengthScale = Units.Bohr / output.Bohr, energyScale = output.Hartree / Units.Hartree;
        Assert.True(output.Frames[^1].Positions[0][0] != output.Frames[0].Positions[0][0], "the atoms did not move");
        foreach (var f in output.Frames)
        {
            var r = f.Positions.Select(p => lengthScale * new Vec3(p[0], p[1], p[2])).ToArray();
            var direct = potential.Compute(template.WithPositions(r), Needs.Forces);
            Assert.Equal(direct.Energy * energyScale, f.Energy, energyTol);
            for (int i = 0; i < r.Length; i++)
                for (int c = 0; c < 3; c++)
                    Assert.Equal(direct.RequireForces()[i][c] * energyScale * lengthScale, f.Forces[i][c], forceTol);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(); await _process.WaitForExitAsync(); }
        _process.Dispose();
        File.Delete(_script);
    }
}
