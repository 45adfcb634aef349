using Tessera.Core;
using Tessera.Dynamics;
using Tessera.Engines;
using Tessera.Potentials;

namespace Tessera.Bench;

/// <summary>MD throughput: velocity Verlet steps per second, next to the cost of one force evaluation alone (the
/// difference is the integrator's overhead).</summary>
public sealed class MdBenchmark : IBenchmark
{
    public string Name => "md";
    public string Description => "MD steps per second (velocity Verlet, 0.5 fs): W6 with GFN2-xTB";

    /// <summary>The systems timed. The n2p2 RPBE-D3 water box (../shared/n2p2/H2O_RPBE-D3/input.data) joins this list
    /// as one more entry once the Behler-Parrinello potential exists.</summary>
    private static IEnumerable<(string Name, Func<(IPotential Potential, Structure Structure)> Make)> Systems() =>
    [
        ("W6 H+(H2O)6, GFN2-xTB", () => (EngineFactory.Create("xtb:gfn2"), ProtonatedWaterClusters.W6())),
    ];

    private const int StepsPerSample = 20;

    public void Run()
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
        foreach (var (name, make) in Systems())
        {
            var (potential, structure) = make();
            var state = MdState.Create(structure, MaxwellBoltzmann.Sample(Kinetics.Masses(structure), 300, new Random(1)));
            var integrator = new VelocityVerlet(0.5);
            state.UpdateForces(potential);
            var md = Timing.Measure(() => { for (int i = 0; i < StepsPerSample; i++) integrator.Step(state, potential); }, 5);
            var force = Timing.Measure(() => potential.Compute(state.Structure, Needs.Forces), 3);
            double stepsPerSecond = StepsPerSample / md.MedianSeconds;
            Console.WriteLine($"  {name,-28} {structure.Count,4} atoms: {stepsPerSecond,8:F2} steps/s ({1000 / stepsPerSecond:F1} ms/step; " +
                              $"one force call {1000 * force.MedianSeconds:F1} ms; {stepsPerSecond * 0.5 * 86400 / 1e6:F2} ns/day)");
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
