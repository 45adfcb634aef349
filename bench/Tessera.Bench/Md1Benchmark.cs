using System.Diagnostics;
using Tessera.Dynamics;
using Tessera.Engines;

namespace Tessera.Bench;

/// <summary>MD1 (BENCHMARK.md): NVE velocity Verlet, 0.5 fs, 300 K Maxwell-Boltzmann start (seed 1, zero total
/// momentum), W6 with GFN2-xTB, 10 ps. Prints the drift (linear-fit slope, meV/atom/ps) and RMS fluctuation
/// after every picosecond, so a run stopped early still reports, and the Jacobian asymmetry at three geometries.</summary>
public sealed class Md1Benchmark : IBenchmark
{
    public string Name => "md1";
    public string Description => "MD1: NVE energy drift and fluctuation of W6 with GFN2-xTB, 10 ps at 0.5 fs; Jacobian asymmetry";

    private const double TimeStepFs = 0.5;
    private const int StepsPerPs = 2000;
    private const int Picoseconds = 10;

    public void Run()
    {
        var w6 = ProtonatedWaterClusters.W6();
        var xtb = EngineFactory.Create("xtb:gfn2");
        Console.WriteLine($"W6 ({w6.Count} atoms, charge {w6.Charge}), {xtb.Name}, NVE dt={TimeStepFs} fs, 300 K start, seed 1");
        var state = MdState.Create(w6, MaxwellBoltzmann.Sample(Kinetics.Masses(w6), 300, new Random(1)));
        var log = new EnergyLog();
        var clock = Stopwatch.StartNew();
        var snapshots = new List<Core.Structure>();
        for (int ps = 1; ps <= Picoseconds; ps++)
        {
            MolecularDynamics.Run(state, xtb, new VelocityVerlet(TimeStepFs), MdRunSettings.Create((long)ps * StepsPerPs), log,
                                  isContinuation: ps > 1);
            snapshots.Add(MdSnapshot.Capture(state));
            var d = EnergyDrift.Analyse(log.Times, log.Energies, w6.Count);
            Console.WriteLine($"  {d.DurationPs,5:F1} ps: drift {d.SlopeMeVPerAtomPerPs,9:F4} meV/atom/ps, RMS about fit {d.RmsAboutFitMeVPerAtom:F4} meV/atom, " +
                              $"std {d.StdMeVPerAtom:F4} meV/atom, mean T {log.MeanTemperature:F1} K, {state.Step / clock.Elapsed.TotalSeconds:F2} steps/s");
        }
        foreach (var s in snapshots.Take(3))
        {
            var j = JacobianAsymmetry.Compute(xtb, s, 0.005);
            Console.WriteLine($"  Jacobian asymmetry at step {s.Info["step"]}: lambda = {j.Lambda:E3} (||J||_F = {j.JacobianNorm:F2} eV/A^2)");
        }
    }

    private sealed class EnergyLog : IMdObserver
    {
        private double _sumT;
        public List<double> Times { get; } = [];
        public List<double> Energies { get; } = [];
        public double MeanTemperature => _sumT / Math.Max(Times.Count, 1);
        public void OnFrame(MdFrame f) { Times.Add(f.TimeFs); Energies.Add(f.TotalEnergy); _sumT += f.Temperature; }
        public void OnSnapshot(Core.Structure s) { }
    }
}
