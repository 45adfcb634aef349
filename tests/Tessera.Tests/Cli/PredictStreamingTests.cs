using Tessera.Cli;
using Tessera.Core;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Tests.IO;

namespace Tessera.Tests.Cli;

/// <summary>`predict` streams: each frame is evaluated and written before the next is read, and no frame is kept
/// once written, so memory does not grow with the file.</summary>
[Collection(ConsoleCollection.Name)]
public class PredictStreamingTests
{
    private const int Frames = 6;

    [Fact]
    public void EachFrameIsWrittenAndReleasedBeforeTheFrameTwoLaterIsRead()
    {
        using var t = new TempDir();
        string modelDir = SharedData.Path("n2p2", "Cu2S_PBE");
        var ensemble = BpnnEnsemble.Load(modelDir);
        var template = StructureFile.Read(Path.Combine(modelDir, "input.data"), null, ensemble.Units!.Value.Units).First(); // Angstrom/eV, as the model
        var handedOut = new List<WeakReference<Structure>>();
        var reported = new List<int>();
        string output = t.File("pred.extxyz");

        int count = PredictCommand.Stream(ensemble, Source(), output, modelDir, "source", new CliCommon.Immediate<int>(reported.Add));

        Assert.Equal(Frames, count);
        Assert.Equal(Enumerable.Range(1, Frames), reported);
        var written = StructureFile.ReadAll(output);
        Assert.Equal(Frames, written.Count);
        var direct = new BehlerParrinelloPotential(N2p2Potential.Read(modelDir));
        for (int k = 0; k < Frames; k++)
        {
            Assert.Equal((long)k, written[k].Info["frame"]);
            Assert.Equal(direct.Compute(Shifted(template, k)).Energy, (double)written[k].Info["energy"], 1e-9);
        }

        IEnumerable<Structure> Source()
        {
            for (int k = 0; k < Frames; k++)
            {
                // Frame k-2 has been written (its successor was already read): nothing may still hold it.
                if (k >= 2)
                {
                    Assert.True(reported.Count >= k - 1, $"frame {k - 2} not evaluated before frame {k} was read");
                    GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
                    Assert.False(handedOut[k - 2].TryGetTarget(out _), $"frame {k - 2} is still held when frame {k} is read");
                }
                var s = Shifted(template, k);
                handedOut.Add(new WeakReference<Structure>(s));
                yield return s;
            }
        }
    }

    [Fact]
    public void AFileWithNoFramesLeavesNoOutput()
    {
        using var t = new TempDir();
        string modelDir = SharedData.Path("n2p2", "Cu2S_PBE");
        var e = Assert.Throws<ArgumentException>(() =>
            PredictCommand.Stream(BpnnEnsemble.Load(modelDir), [], t.File("pred.extxyz"), modelDir, "empty.xyz"));
        Assert.Contains("empty.xyz: no frames", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(t.Dir));
    }

    /// <summary>A copy of the frame with atom 0 moved k * 0.01 A along x (so every frame's energy differs) and its number in Info.</summary>
    private static Structure Shifted(Structure template, int k)
    {
        var s = template.Clone();
        s.Positions[0] += new Vec3(0.01 * k, 0, 0);
        s.Info["frame"] = (long)k;
        return s;
    }
}
