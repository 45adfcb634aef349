using Tessera.Core;
using Tessera.Dynamics;
using Tessera.Potentials;

namespace Tessera.Tests.Dynamics;

public class OptimizerTests
{
    /// <summary>Records every geometry it sees, to check the per-step displacement cap.</summary>
    private sealed class PathRecorder(IPotential inner) : IPotential
    {
        public List<Vec3[]> Geometries { get; } = [];
        public string Name => inner.Name;
        public PotentialResult Compute(Structure s, Needs needs = Needs.Forces)
        {
            Geometries.Add((Vec3[])s.Positions.Clone());
            return inner.Compute(s, needs);
        }
    }

    public static TheoryData<string> Optimizers => ["fire", "lbfgs"];

    private static IOptimizer Make(string name) => name == "fire" ? new Fire() : new Lbfgs();

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void OptimisersFindTheRegularTetrahedron(string name)
    {
        var start = ToyStructures.Tetrahedron();
        var rng = new Random(8);
        for (int i = 0; i < 4; i++) start.Positions[i] += 0.4 * new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
        var potential = new PathRecorder(new HarmonicTestPotential(5.0));
        var settings = OptimizationSettings.Create(fmax: 1e-4, maxSteps: 2000, maxStep: 0.05);
        var result = Optimization.Run(start, potential, Make(name), settings);
        Assert.True(result.Converged, $"{name}: fmax {result.Fmax} after {result.Steps} steps");
        Assert.True(result.Fmax < 1e-4);
        Assert.Equal(0, result.Energy, 8);
        var r = result.Structure.Positions;
        for (int i = 0; i < 4; i++)
            for (int j = i + 1; j < 4; j++)
                Assert.Equal(1.0, (r[i] - r[j]).Length, 4);
        for (int g = 1; g < potential.Geometries.Count; g++)
            for (int i = 0; i < 4; i++)
                Assert.True((potential.Geometries[g][i] - potential.Geometries[g - 1][i]).Length <= 0.05 + 1e-12, "step cap exceeded");
    }
}
