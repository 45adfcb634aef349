using Tessera.Core;
using Tessera.Dynamics;
using Tessera.Engines;
using Tessera.IO;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Potentials;

namespace Tessera.Bench;

/// <summary>MD throughput: velocity Verlet steps per second, next to the cost of one force evaluation alone (the
/// difference is the integrator's overhead).</summary>
public sealed class MdBenchmark : IBenchmark
{
    public string Name => "md";
    public string Description => "MD steps per second (velocity Verlet, 0.5 fs): W6 with GFN2-xTB (program and in-process), n2p2 water box";

    /// <summary>The systems timed, with the steps per timed sample (fewer for the expensive box).</summary>
    private static IEnumerable<(string Name, int StepsPerSample, Func<(IPotential Potential, Structure Structure)> Make)> Systems() =>
    [
        ("W6 H+(H2O)6, xtb:gfn2", 20, () => (EngineFactory.Create("xtb:gfn2"), ProtonatedWaterClusters.W6())),
        ("W6 H+(H2O)6, xtb-native:gfn2", 20, () => (EngineFactory.Create("xtb-native:gfn2"), ProtonatedWaterClusters.W6())),
        ("n2p2 H2O RPBE-D3 box", 2, () => (new BehlerParrinelloPotential(N2p2Potential.Read(BenchEnvironment.SharedPath("n2p2", "H2O_RPBE-D3"))),
                                           StructureFile.ReadAll(BenchEnvironment.SharedPath("n2p2", "H2O_RPBE-D3", "input.data"))[0])),
    ];

    public void Run()
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average {BenchEnvironment.LoadAverage()}");
        foreach (var (name, stepsPerSample, make) in Systems())
        {
            var (potential, structure) = make();
            var state = MdState.Create(structure, MaxwellBoltzmann.Sample(Kinetics.Masses(structure), 300, new Random(1)));
            var integrator = new VelocityVerlet(0.5);
            state.UpdateForces(potential);
            var md = Timing.Measure(() => { for (int i = 0; i < stepsPerSample; i++) integrator.Step(state, potential); }, 5);
            var force = Timing.Measure(() => potential.Compute(state.Structure, Needs.Forces), 3);
            double stepsPerSecond = stepsPerSample / md.MedianSeconds;
            Console.WriteLine($"  {name,-28} {structure.Count,4} atoms: {stepsPerSecond,8:F2} steps/s ({1000 / stepsPerSecond:F1} ms/step; " +
                              $"one force call {1000 * force.MedianSeconds:F1} ms; {stepsPerSecond * 0.5 * 86400 / 1e6:F2} ns/day)");
        }
    }

}
