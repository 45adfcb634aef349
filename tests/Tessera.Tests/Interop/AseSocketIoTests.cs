using System.Diagnostics;
using System.Text.Json;
using Tessera.Core;
using Tessera.Interop;
using Tessera.Potentials;

namespace Tessera.Tests.Interop;

/// <summary>ASE (Debian's python3-ase) drives Tessera's i-PI client through SocketIOCalculator: ASE runs velocity
/// Verlet as the server and every energy and force it receives must equal a direct Tessera evaluation.</summary>
public class AseSocketIoTests
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys, json
        import numpy as np
        from ase import Atoms, units
        from ase.calculators.socketio import SocketIOCalculator
        from ase.md.verlet import VelocityVerlet
        from ase.md.velocitydistribution import MaxwellBoltzmannDistribution
        name = sys.argv[1]
        atoms = Atoms(sys.argv[2], positions=json.loads(sys.argv[3]))
        MaxwellBoltzmannDistribution(atoms, temperature_K=600, rng=np.random.RandomState(4))
        frames = []
        with SocketIOCalculator(unixsocket=name, timeout=30) as calc:
            atoms.calc = calc
            dyn = VelocityVerlet(atoms, 0.5 * units.fs)
            dyn.attach(lambda: frames.append(dict(positions=atoms.positions.tolist(),
                                                  energy=float(atoms.get_potential_energy()),
                                                  forces=atoms.get_forces().tolist())), interval=1)
            dyn.run(6)
        print(json.dumps(dict(hartree=units.Ha, bohr=units.Bohr, frames=frames)))
        """;

    private sealed record Frame(double[][] Positions, double Energy, double[][] Forces);
    private sealed record Output(double Hartree, double Bohr, Frame[] Frames);

    [Theory]
    [InlineData(IpiInitMode.Once)]
    [InlineData(IpiInitMode.EveryStep)]
    public async Task AseVelocityVerletThroughTheSocketMatchesDirectEvaluation(IpiInitMode mode)
    {
        Assert.True(File.Exists(Python), "Debian python3 with ASE is required");
        var template = TestStructures.WaterDimer();
        IPotential potential = new HarmonicTestPotential(4.0);
        string name = $"tessera_ase_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        string scriptPath = Path.Combine(Path.GetTempPath(), $"{name}.py");
        await File.WriteAllTextAsync(scriptPath, Script);
        try
        {
            var positions = JsonSerializer.Serialize(template.Positions.Select(r => new[] { r.X, r.Y, r.Z }));
            var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { scriptPath, name, "OH2OH2", positions }) psi.ArgumentList.Add(a);
            using var ase = Process.Start(psi)!;
            var stdout = ase.StandardOutput.ReadToEndAsync();
            var stderr = ase.StandardError.ReadToEndAsync();
            var settings = IpiDriverSettings.Unix(name, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), mode);
            var summary = await IpiDriver.ConnectAndRunAsync(potential, template, settings).WaitAsync(TimeSpan.FromSeconds(60));
            await ase.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(ase.ExitCode == 0, await stderr);
            var output = JsonSerializer.Deserialize<Output>(await stdout, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
            var frames = output.Frames;
            // ASE 3.22 converts with CODATA 2014 Bohr and Hartree, Tessera with 2018 (a 1e-8 relative difference):
            // undo both conversions exactly so the comparison can be tight.
            double lengthScale = Units.Bohr / output.Bohr, energyScale = output.Hartree / Units.Hartree;
            Assert.Equal(7, frames.Length);
            Assert.Equal(7, summary.Evaluations);
            Assert.Equal(IpiEndReason.ServerClosed, summary.EndReason); // ASE closes without EXIT
            Assert.True(frames[^1].Positions[0][0] != frames[0].Positions[0][0], "the atoms did not move");
            foreach (var f in frames)
            {
                var r = f.Positions.Select(p => lengthScale * new Vec3(p[0], p[1], p[2])).ToArray();
                var direct = potential.Compute(template.WithPositions(r), Needs.Forces);
                Assert.Equal(direct.Energy * energyScale, f.Energy, 1e-11 * Math.Max(1, Math.Abs(direct.Energy)));
                for (int i = 0; i < r.Length; i++)
                    for (int c = 0; c < 3; c++)
                        Assert.Equal(direct.RequireForces()[i][c] * energyScale * lengthScale, f.Forces[i][c], 1e-11);
            }
        }
        finally
        {
            File.Delete(scriptPath);
        }
    }
}
