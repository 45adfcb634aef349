using Tessera.Core;
using Tessera.Dynamics;
using Tessera.Potentials;

namespace Tessera.Tests.Dynamics;

public class IntegratorTests
{
    private sealed class Recorder : IMdObserver
    {
        public List<MdFrame> Frames { get; } = [];
        public List<Structure> Snapshots { get; } = [];
        public void OnFrame(MdFrame frame) => Frames.Add(frame);
        public void OnSnapshot(Structure snapshot) => Snapshots.Add(snapshot);
    }

    [Fact]
    public void VelocityVerletReproducesTheHarmonicPeriod()
    {
        const double k = 2.0; // eV/A^2
        var atom = new Structure([1], [new Vec3(0.1, 0, 0)]);
        double mass = Element.FromNumber(1).Mass;
        double period = 2 * Math.PI * Math.Sqrt(mass / k) * Units.AseTimeFs; // fs
        double dt = period / 400;
        var state = MdState.Create(atom, null);
        var rec = new Recorder();
        MolecularDynamics.Run(state, new HarmonicWell(k), new VelocityVerlet(dt), MdRunSettings.Create(1000), rec);
        // Upward zero crossings of x(t), located by linear interpolation between frames.
        var crossings = new List<double>();
        double lastX = 0.1, lastT = 0;
        var run2 = MdState.Create(atom, null);
        var positions = new PositionLog();
        MolecularDynamics.Run(run2, new HarmonicWell(k), new VelocityVerlet(dt), MdRunSettings.Create(1000, trajectoryEvery: 1), positions);
        foreach (var (t, x) in positions.X)
        {
            if (lastX < 0 && x >= 0) crossings.Add(lastT + (t - lastT) * (-lastX) / (x - lastX));
            lastX = x; lastT = t;
        }
        Assert.True(crossings.Count >= 2, $"only {crossings.Count} crossings");
        double measured = crossings[1] - crossings[0];
        Assert.Equal(period, measured, period * 2e-4);
        double e0 = rec.Frames[0].TotalEnergy;
        Assert.All(rec.Frames, f => Assert.Equal(e0, f.TotalEnergy, 1e-4 * e0));
    }

    private sealed class PositionLog : IMdObserver
    {
        public List<(double T, double X)> X { get; } = [];
        public void OnFrame(MdFrame frame) { }
        public void OnSnapshot(Structure s) => X.Add(((double)s.Info["time"], s.Positions[0].X));
    }

    [Fact]
    public void VelocityVerletEnergyErrorShrinksWithTheSquareOfTheStep()
    {
        var potential = new SumPotential([new HarmonicTestPotential(3.0), new HarmonicWell(0.5)]);
        var start = ToyStructures.Cloud(6, 2.0, seed: 3);
        var v = MaxwellBoltzmann.Sample(Kinetics.Masses(start), 300, new Random(1));
        double Fluctuation(double dt, int steps)
        {
            var rec = new Recorder();
            MolecularDynamics.Run(MdState.Create(start, v), potential, new VelocityVerlet(dt), MdRunSettings.Create(steps), rec);
            return EnergyDrift.Analyse(rec.Frames.Select(f => f.TimeFs).ToList(), rec.Frames.Select(f => f.TotalEnergy).ToList(), 6).StdMeVPerAtom;
        }
        double coarse = Fluctuation(1.0, 500), fine = Fluctuation(0.5, 1000);
        Assert.InRange(coarse / fine, 3.0, 5.0);
    }

    [Fact]
    public void ResumingFromASnapshotContinuesTheSameTrajectory()
    {
        var potential = new SumPotential([new HarmonicTestPotential(3.0), new HarmonicWell(0.5)]);
        var start = ToyStructures.Cloud(5, 2.0, seed: 4);
        var v = MaxwellBoltzmann.Sample(Kinetics.Masses(start), 300, new Random(2));
        var straight = MdState.Create(start, v);
        MolecularDynamics.Run(straight, potential, new VelocityVerlet(0.5), MdRunSettings.Create(40));

        var first = MdState.Create(start, v);
        var rec = new Recorder();
        MolecularDynamics.Run(first, potential, new VelocityVerlet(0.5), MdRunSettings.Create(20, trajectoryEvery: 10), rec);
        Assert.Equal([0L, 10L, 20L], rec.Snapshots.Select(s => (long)s.Info["step"]));
        var resumed = MdSnapshot.Resume(rec.Snapshots[^1]);
        Assert.Equal(20, resumed.Step);
        Assert.Equal(10.0, resumed.TimeFs, 12);
        var rec2 = new Recorder();
        MolecularDynamics.Run(resumed, potential, new VelocityVerlet(0.5), MdRunSettings.Create(40, logEvery: 10), rec2, isContinuation: true);
        Assert.Equal([30L, 40L], rec2.Frames.Select(f => f.Step));
        for (int i = 0; i < start.Count; i++)
        {
            Assert.Equal(0, (straight.Structure.Positions[i] - resumed.Structure.Positions[i]).Length, 10);
            Assert.Equal(0, (straight.Velocities[i] - resumed.Velocities[i]).Length, 10);
        }
    }

    [Theory]
    [InlineData("langevin")]
    [InlineData("bussi")]
    public void ThermostatsReachTheTargetTemperature(string kind)
    {
        const double target = 300;
        var potential = new SumPotential([new HarmonicTestPotential(0.2), new HarmonicWell(1.0)]);
        var start = ToyStructures.Cloud(24, 3.0, seed: 5);
        for (int i = 0; i < start.Count; i += 2) start.Numbers[i] = 1; // mixed masses: equipartition per element
        var rng = new Random(11);
        IIntegrator integrator = kind == "langevin"
            ? new LangevinBaoab(0.5, target, 0.02, new StepNoise(11))
            : new BussiThermostat(0.5, target, 50, new StepNoise(11));
        var state = MdState.Create(start, MaxwellBoltzmann.Sample(Kinetics.Masses(start), 50, rng));
        var rec = new Recorder();
        MolecularDynamics.Run(state, potential, integrator, MdRunSettings.Create(20000, logEvery: 10), rec);
        var production = rec.Frames.Skip(rec.Frames.Count / 5).ToList();
        double mean = production.Average(f => f.Temperature);
        Assert.InRange(mean, 0.96 * target, 1.04 * target);
        if (kind == "langevin")
            foreach (var el in new[] { "H", "O" })
                Assert.InRange(production.Average(f => f.ElementTemperatures[el]), 0.93 * target, 1.07 * target);
    }

    [Fact]
    public void MaxwellBoltzmannHasZeroMomentumAndTheRightTemperature()
    {
        var s = ToyStructures.Cloud(2000, 10, seed: 6);
        var m = Kinetics.Masses(s);
        var v = MaxwellBoltzmann.Sample(m, 500, new Random(3));
        Assert.Equal(0, Kinetics.TotalMomentum(m, v).Length, 9);
        double t = Kinetics.Temperature(Kinetics.KineticEnergy(m, v), Kinetics.DegreesOfFreedom(s.Count, true));
        Assert.InRange(t, 470, 530);
        var exact = MaxwellBoltzmann.Sample(m.AsSpan(0, 10), 300, new Random(4), exactTemperature: true);
        Assert.Equal(300, Kinetics.Temperature(Kinetics.KineticEnergy(m.AsSpan(0, 10), exact), 27), 9);
    }

    [Fact]
    public void PeriodicWrapMapsAtomsIntoTheCellByLatticeVectors()
    {
        var cell = new Mat3(new(4, 0, 0), new(1, 5, 0), new(0, 0, 6));
        var s = new Structure([1, 1], [new(-1, 2, 3), new(9.5, -2, 13)], cell, [true, true, false]);
        var before = (Vec3[])s.Positions.Clone();
        PeriodicWrap.Wrap(s);
        var inv = cell.Inverse();
        for (int i = 0; i < 2; i++)
        {
            var f = s.Positions[i] * inv;
            Assert.InRange(f.X, 0, 1); Assert.InRange(f.Y, 0, 1);
            var shift = (s.Positions[i] - before[i]) * inv;
            Assert.Equal(Math.Round(shift.X), shift.X, 10);
            Assert.Equal(Math.Round(shift.Y), shift.Y, 10);
            Assert.Equal(0, shift.Z, 10); // not periodic along c
        }
    }
}
