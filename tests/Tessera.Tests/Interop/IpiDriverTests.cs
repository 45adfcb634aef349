using System.Diagnostics;
using Tessera.Core;
using Tessera.Interop;
using Tessera.Potentials;
using Tessera.Tests.Dynamics;

namespace Tessera.Tests.Interop;

public class IpiDriverTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(2);

    private static Task<IpiSessionSummary> StartDriver(IPotential p, Structure template, IpiDriverSettings settings) =>
        Task.Run(() => IpiDriver.ConnectAndRunAsync(p, template, settings));

    private static Vec3[] Jiggle(Structure s, int seed)
    {
        var rng = new Random(seed);
        return s.Positions.Select(r => r + 0.05 * new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
    }

    private static void AssertMatchesDirect(IPotential p, Structure template, Vec3[] positions, double energy, Vec3[] forces)
    {
        var direct = p.Compute(template.WithPositions(positions), Needs.Forces);
        Assert.Equal(direct.Energy, energy, 1e-10);
        for (int i = 0; i < forces.Length; i++) Assert.Equal(0, (direct.RequireForces()[i] - forces[i]).Length, 1e-10);
    }

    /// <summary>Adds a fixed, deliberately non-symmetric virial (eV) so its orientation on the wire is checked.</summary>
    private sealed class WithVirial(IPotential inner, Mat3 virial) : IPotential
    {
        public string Name => inner.Name;
        public PotentialResult Compute(Structure s, Needs needs = Needs.Forces) => inner.Compute(s, needs) with { Virial = virial };
    }

    [Fact]
    public async Task IpiStyleServerInitialisesOnceThenGetsReadyEveryStep()
    {
        var cell = new Mat3(new(12, 0, 0), new(1.5, 11, 0), new(0.5, -1, 13)); // not symmetric: catches a transposed h
        var template = TestStructures.WaterDimer();
        template.Cell = cell;
        template.Pbc = [true, true, true];
        var virial = new Mat3(new(1, 2, 3), new(4, 5, 6), new(7, 8, 10));
        var spy = new SpyPotential(new WithVirial(new HarmonicTestPotential(4.0), virial));
        using var server = FakeIpiServer.Tcp();
        var driver = StartDriver(spy, template, IpiDriverSettings.Tcp("127.0.0.1", server.Port, Quick));
        Assert.Equal("NEEDINIT", server.Status());
        server.Init();
        for (int step = 0; step < 3; step++)
        {
            Assert.Equal("READY", server.Status());
            var r = Jiggle(template, step);
            server.PosData(cell, r);
            Assert.Equal("HAVEDATA", server.Status());
            var (e, f, w) = server.GetForce();
            AssertMatchesDirect(spy, template, r, e, f);
            Assert.Equal(virial.ToRowMajor(), w.ToRowMajor(), (a, b) => Math.Abs(a - b) < 1e-12);
            Assert.Equal(cell.ToRowMajor(), spy.Last!.Cell!.Value.ToRowMajor(), (a, b) => Math.Abs(a - b) < 1e-12);
        }
        Assert.Equal("READY", server.Status());
        server.Header("EXIT");
        var summary = await driver.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new IpiSessionSummary(3, IpiEndReason.Exit), summary);
    }

    [Fact]
    public async Task AseStyleDriverAsksForInitAfterEveryForceOverAUnixSocket()
    {
        var template = TestStructures.WaterMonomer();
        var p = new HarmonicTestPotential(4.0);
        using var server = FakeIpiServer.Unix();
        var driver = StartDriver(p, template, IpiDriverSettings.Unix(server.UnixPath!, Quick, initMode: IpiInitMode.EveryStep));
        for (int step = 0; step < 2; step++)
        {
            Assert.Equal("NEEDINIT", server.Status());
            server.Init(0, "");
            Assert.Equal("READY", server.Status());
            var r = Jiggle(template, step);
            server.PosData(Mat3.Zero, r); // ASE sends a zero cell for molecules: ignored for an open template
            Assert.Equal("HAVEDATA", server.Status());
            var (e, f, w) = server.GetForce();
            AssertMatchesDirect(p, template, r, e, f);
            Assert.Equal(0, w.FrobeniusNorm);
        }
        server.Drop();
        Assert.Equal(IpiEndReason.ServerClosed, (await driver.WaitAsync(TimeSpan.FromSeconds(5))).EndReason);
    }

    private static async Task<IpiProtocolException> ExpectFailure(Task<IpiSessionSummary> driver, double withinSeconds)
    {
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<IpiProtocolException>(() => driver.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(clock.Elapsed.TotalSeconds < withinSeconds, $"took {clock.Elapsed.TotalSeconds} s");
        return e;
    }

    [Fact]
    public async Task MalformedHeaderIsAClearError()
    {
        using var server = FakeIpiServer.Tcp();
        var driver = StartDriver(new HarmonicTestPotential(1), TestStructures.WaterMonomer(), IpiDriverSettings.Tcp("127.0.0.1", server.Port, Quick));
        server.Send([0x53, 0x54, 0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Contains("Malformed", (await ExpectFailure(driver, 5)).Message);
    }

    [Fact]
    public async Task UnknownMessageIsAClearError()
    {
        using var server = FakeIpiServer.Tcp();
        var driver = StartDriver(new HarmonicTestPotential(1), TestStructures.WaterMonomer(), IpiDriverSettings.Tcp("127.0.0.1", server.Port, Quick));
        server.Header("GETPOTATO");
        Assert.Contains("GETPOTATO", (await ExpectFailure(driver, 5)).Message);
    }

    [Fact]
    public async Task ConnectionDroppedInTheMiddleOfAMessageIsAClearError()
    {
        using var server = FakeIpiServer.Tcp();
        var driver = StartDriver(new HarmonicTestPotential(1), TestStructures.WaterMonomer(), IpiDriverSettings.Tcp("127.0.0.1", server.Port, Quick));
        server.Init();
        server.Header("POSDATA");
        server.Doubles([1, 2, 3]);
        server.Drop();
        Assert.Contains("closed the connection in the middle of the POSDATA cell", (await ExpectFailure(driver, 5)).Message);
    }

    [Fact]
    public async Task ConnectionDroppedBeforeForcesAreCollectedIsAClearError()
    {
        var template = TestStructures.WaterMonomer();
        using var server = FakeIpiServer.Tcp();
        var driver = StartDriver(new HarmonicTestPotential(1), template, IpiDriverSettings.Tcp("127.0.0.1", server.Port, Quick));
        server.Init();
        server.PosData(Mat3.Zero, template.Positions);
        Assert.Equal("HAVEDATA", server.Status());
        server.Drop();
        Assert.Contains("before collecting", (await ExpectFailure(driver, 5)).Message);
    }

    [Fact]
    public async Task SilentServerTimesOut()
    {
        using var server = FakeIpiServer.Tcp();
        var settings = IpiDriverSettings.Tcp("127.0.0.1", server.Port, TimeSpan.FromSeconds(0.5));
        var driver = StartDriver(new HarmonicTestPotential(1), TestStructures.WaterMonomer(), settings);
        _ = server.Client; // accept, then say nothing
        Assert.Contains("Timed out", (await ExpectFailure(driver, 5)).Message);
    }

    [Fact]
    public async Task WrongAtomCountIsAClearError()
    {
        using var server = FakeIpiServer.Tcp();
        var driver = StartDriver(new HarmonicTestPotential(1), TestStructures.WaterMonomer(), IpiDriverSettings.Tcp("127.0.0.1", server.Port, Quick));
        server.Init();
        server.PosData(Mat3.Zero, TestStructures.WaterDimer().Positions);
        Assert.Contains("6 atoms but the template structure has 3", (await ExpectFailure(driver, 5)).Message);
    }

    [Fact]
    public async Task MissingServerFailsAfterTheConnectTimeout()
    {
        var settings = IpiDriverSettings.Unix($"tessera_nobody_{Guid.NewGuid():N}", Quick, TimeSpan.FromSeconds(0.3));
        var driver = StartDriver(new HarmonicTestPotential(1), TestStructures.WaterMonomer(), settings);
        Assert.Contains("Cannot connect", (await ExpectFailure(driver, 5)).Message);
    }
}
