using Tessera.Interop;
using Tessera.Potentials;

namespace Tessera.Tests.Interop;

/// <summary>ASE (Debian's python3-ase) drives Tessera's i-PI client through SocketIOCalculator: ASE runs velocity
/// Verlet as the server and every energy and force it receives must equal a direct Tessera evaluation.</summary>
public class AseSocketIoTests
{
    [Theory]
    [InlineData(IpiInitMode.Once)]
    [InlineData(IpiInitMode.EveryStep)]
    public async Task AseVelocityVerletThroughTheSocketMatchesDirectEvaluation(IpiInitMode mode)
    {
        var template = TestStructures.WaterDimer();
        IPotential potential = new HarmonicTestPotential(4.0);
        await using var ase = AseSocketServer.Start(template, steps: 6);
        var settings = IpiDriverSettings.Unix(ase.Name, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), mode);
        var summary = await IpiDriver.ConnectAndRunAsync(potential, template, settings).WaitAsync(TimeSpan.FromSeconds(60));
        var output = await ase.ResultAsync();
        Assert.Equal(7, output.Frames.Length);
        Assert.Equal(7, summary.Evaluations);
        Assert.Equal(IpiEndReason.ServerClosed, summary.EndReason); // ASE closes without EXIT
        AseSocketServer.AssertFramesMatch(output, potential, template, 1e-11, 1e-11);
    }
}
