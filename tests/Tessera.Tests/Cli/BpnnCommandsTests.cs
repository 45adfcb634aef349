using Tessera.Cli;
using Tessera.IO;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Tests.IO;
using Tessera.Tests.Potentials.BehlerParrinello;

namespace Tessera.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public class BpnnCommandsTests
{
    [Fact]
    public void TrainEnsembleThenPredictWritesMeanAndSpread()
    {
        using var t = new TempDir();
        var data = t.File("toy.extxyz");
        StructureFile.Write(data, BpnnTrainingTests.ToyData(24, 9));
        var settings = new BpnnTrainingSettings { Epochs = 3, Hidden = [6], Cutoff = 5.0, BatchSize = 4 };
        var model = t.File("model");
        Assert.Equal(0, TrainBpnnCommand.Run(data, model, settings, 2, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(model, "member_2", "weights.008.data")));
        Assert.Equal(1 + 2 * 3, File.ReadAllLines(Path.Combine(model, "learning_curve.csv")).Length);
        Assert.Equal(0, PredictCommand.Run(model, data, t.File("pred.extxyz")));
        var frames = StructureFile.ReadAll(t.File("pred.extxyz"));
        Assert.Equal(24, frames.Count);
        Assert.All(frames, f => Assert.True(f.Info.ContainsKey("energy_std") && f.Arrays.ContainsKey("forces_std")));
        // A single member loads as a model of its own (n2p2 folder).
        Assert.Single(BpnnEnsemble.Load(Path.Combine(model, "member_1")).Members);
    }
}
