using Tessera.Cli;
using Tessera.Core;
using Tessera.IO;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Tests.IO;

namespace Tessera.Tests.Cli;

/// <summary>The stress that `predict` writes (eV/A^3, ASE's sign: sigma = (1/V) dE/d epsilon) against finite differences
/// of the energies that the same `predict` run writes for strained copies of a real periodic n2p2 frame: each strain
/// component at +-h and +-h/2, Richardson-extrapolated (error O(h^4)), to a relative 1e-6 of the largest component.</summary>
[Collection(ConsoleCollection.Name)]
public class PredictStressTests
{
    private const double H = 1e-4;

    [Theory]
    [InlineData("Cu2S_PBE", 0)]
    [InlineData("H2O_RPBE-D3", 0)]
    public void WrittenStressEqualsTheStrainDerivativeOfTheWrittenEnergies(string potential, int frame)
    {
        using var t = new TempDir();
        string modelDir = SharedData.Path("n2p2", potential);
        // The frame in the potential's own units (Cu2S_PBE: Angstrom/eV, H2O_RPBE-D3: Bohr/Hartree, from their input.nn headers).
        var s = StructureFile.Read(Path.Combine(modelDir, "input.data"), null, N2p2Potential.ReadUnits(modelDir).Units).ElementAt(frame);
        Assert.True(s.Cell is not null && s.Pbc.All(p => p), "the reference frame must be fully periodic");
        var components = new List<(int A, int B)>();
        for (int a = 0; a < 3; a++) for (int b = a; b < 3; b++) components.Add((a, b));
        double[] steps = [H, -H, H / 2, -H / 2];
        var frames = new List<Structure> { s.Clone() };
        foreach (var (a, b) in components) foreach (double eps in steps) frames.Add(Strained(s, a, b, eps));
        string output = t.File("pred.extxyz");

        Assert.Equal(25, frames.Count);
        int n = PredictCommand.Stream(BpnnEnsemble.Load(modelDir), frames, output, modelDir, "strained");
        Assert.Equal(25, n);

        var written = StructureFile.ReadAll(output);
        Assert.Equal(frames.Count, written.Count);
        var sigma = ((double[])written[0].Info["stress"]).ToArray();
        double volume = Math.Abs(s.Cell!.Value.Determinant);
        double largest = sigma.Max(Math.Abs);
        Assert.True(largest > 1e-4, $"stress {largest:E3} eV/A^3 too small to test against");
        for (int c = 0; c < components.Count; c++)
        {
            double E(int k) => (double)written[1 + 4 * c + k].Info["energy"];
            double coarse = (E(0) - E(1)) / (2 * H), fine = (E(2) - E(3)) / H;
            double numeric = (4 * fine - coarse) / 3 / volume;
            var (a, b) = components[c];
            Assert.Equal(sigma[3 * a + b], sigma[3 * b + a], 12);
            double error = Math.Abs(numeric - sigma[3 * a + b]) / largest;
            Assert.True(error < 1e-6, $"{potential} frame {frame} stress[{a},{b}]: written {sigma[3 * a + b]:E10}, finite differences " +
                                      $"{numeric:E10} eV/A^3, relative error {error:E2}");
        }
    }

    /// <summary>The frame (atoms and cell) under the symmetric strain epsilon_ab = epsilon_ba = eps/2.</summary>
    private static Structure Strained(Structure s, int a, int b, double eps)
    {
        Vec3 Strain(Vec3 v)
        {
            double[] x = [v.X, v.Y, v.Z];
            double[] y = [.. x];
            y[a] += 0.5 * eps * x[b];
            y[b] += 0.5 * eps * x[a];
            return new Vec3(y[0], y[1], y[2]);
        }
        var t = s.WithPositions(s.Positions.Select(Strain).ToArray());
        var c = s.Cell!.Value;
        t.Cell = new Mat3(Strain(c.R0), Strain(c.R1), Strain(c.R2));
        t.Pbc = s.Pbc;
        return t;
    }
}
