using Tessera.Cli;
using Tessera.Core;
using Tessera.Engines;
using Tessera.FragmentNetworks;
using Tessera.IO;
using Tessera.Models;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Tests.BadInput;
using Tessera.Tests.IO;

namespace Tessera.Tests.Cli;

/// <summary>`predict -m MODEL` is the single-point command for every model ModelLoader knows: an engine spec gives what
/// `calc` gives, a fragment model what the library potential gives (with its ensemble spread), a Behler-Parrinello
/// ensemble its stress on periodic frames and its spread, all under the names `--key` chooses.</summary>
[Collection(ConsoleCollection.Name)]
public class PredictAnyModelTests
{
    [Fact]
    [Trait("Category", "Engines")]
    public void An_engine_spec_gives_what_calc_gives_under_the_key()
    {
        using var t = new TempDir();
        string input = t.File("in.extxyz");
        StructureFile.Write(input, [TestStructures.WaterDimer(), TestStructures.WaterMonomer()]);

        Assert.Equal(0, PredictCommand.Run("xtb:gfn2", input, t.File("pred.extxyz"), key: "xtb"));
        Assert.Equal(0, CalcCommand.Run(EngineFactory.Create("xtb:gfn2"), input, t.File("calc.extxyz"), Needs.Forces, json: true, key: "xtb"));

        var predicted = StructureFile.ReadAll(t.File("pred.extxyz"));
        var calculated = StructureFile.ReadAll(t.File("calc.extxyz"));
        Assert.Equal(2, predicted.Count);
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal((double)calculated[k].Info["xtb"], (double)predicted[k].Info["xtb"], 1e-9);
            AssertVectors(calculated[k].Arrays["xtb_forces"], predicted[k].Arrays["xtb_forces"]);
            Assert.False(predicted[k].Info.ContainsKey("energy"));
            Assert.False(predicted[k].Arrays.ContainsKey("forces"));
            Assert.False(predicted[k].Info.ContainsKey("xtb_std")); // an engine is no ensemble
        }
    }

    [Fact]
    [Trait("Category", "Engines")]
    public void The_fragment_model_gives_the_library_potential_and_its_spread()
    {
        using var t = new TempDir();
        string model = BadInputRunner.RepoPath("data/models/w6-increments.json");
        var frames = StructureFile.Read(BadInputRunner.RepoPath("data/w6/w6-heldout.extxyz.gz")).Take(2).ToList();
        string input = t.File("w6.extxyz");
        StructureFile.Write(input, frames);

        Assert.Equal(0, PredictCommand.Run(model, input, t.File("pred.extxyz")));

        var potential = Assert.IsType<FragmentNetworkPotential>(ModelLoader.Load(model));
        var written = StructureFile.ReadAll(t.File("pred.extxyz"));
        Assert.Equal(2, written.Count);
        for (int k = 0; k < 2; k++)
        {
            var direct = potential.Compute(frames[k], Needs.Forces);
            Assert.Equal(direct.Energy, written[k].Energy!.Value, 1e-9);
            var forces = written[k].Forces!;
            for (int i = 0; i < frames[k].Count; i++) Assert.True((direct.Forces![i] - forces[i]).Length < 1e-9, $"frame {k} atom {i}");
            double spread = potential.Uncertainty(frames[k]);
            Assert.True(spread > 0);
            Assert.Equal(spread, (double)written[k].Info["energy_std"], 1e-12);
            Assert.False(written[k].Arrays.ContainsKey("forces_std")); // the members' forces are not computed one by one
            Assert.False(written[k].Info.ContainsKey("stress")); // an open cluster has no stress
        }
    }

    [Fact]
    public void A_periodic_ensemble_writes_stress_and_spread_under_the_key_and_keeps_the_input()
    {
        using var t = new TempDir();
        string source = SharedData.Path("n2p2", "Cu2S_PBE");
        string ensembleDir = t.File("ensemble");
        foreach (var member in new[] { "member_0", "member_1" })
        {
            Directory.CreateDirectory(Path.Combine(ensembleDir, member));
            foreach (var f in Directory.GetFiles(source).Where(f => !f.EndsWith("input.data")))
                File.Copy(f, Path.Combine(ensembleDir, member, Path.GetFileName(f)));
        }
        var frame = StructureFile.Read(Path.Combine(source, "input.data"), null, N2p2Units.AngstromEv).First(); // the units of Cu2S_PBE's input.nn header
        Assert.True(frame.Cell is not null && frame.Pbc.All(p => p));
        frame.Info["energy"] = 1.5; // the input's own energy stays where it is
        string input = t.File("in.extxyz");
        StructureFile.Write(input, [frame]);

        Assert.Equal(0, PredictCommand.Run(ensembleDir, input, t.File("pred.extxyz"), key: "nn"));

        var written = StructureFile.ReadAll(t.File("pred.extxyz")).Single();
        var direct = new BehlerParrinelloPotential(N2p2Potential.Read(source)).Compute(frame, Needs.Forces | Needs.Virial);
        Assert.Equal(1.5, (double)written.Info["energy"]);
        Assert.Equal(direct.Energy, (double)written.Info["nn"], 1e-9);
        Assert.Equal(PerAtomArray.Vectors(direct.Forces).Reals, written.Arrays["nn_forces"].Reals, new Tolerance(1e-9));
        Assert.Equal(direct.Stress(frame)!.Value.ToRowMajor(), (double[])written.Info["nn_stress"], new Tolerance(1e-12));
        Assert.Contains((double[])written.Info["nn_stress"], x => Math.Abs(x) > 1e-6);
        Assert.Equal(0.0, (double)written.Info["nn_std"]); // two copies of one model agree exactly
        Assert.All(written.Arrays["nn_forces_std"].Reals, x => Assert.Equal(0.0, x));
        Assert.False(written.Info.ContainsKey("stress"));
    }

    private static void AssertVectors(PerAtomArray expected, PerAtomArray actual) =>
        Assert.Equal(expected.Reals, actual.Reals, new Tolerance(1e-9));

    private sealed class Tolerance(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tol;
        public int GetHashCode(double x) => 0;
    }
}
