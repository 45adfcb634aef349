using Tessera.Core;
using Tessera.IO;
using Tessera.Tests.Data;
using Xunit.Abstractions;

namespace Tessera.Tests.Cli;

/// <summary>`tessera calc` (GFN2-xTB with forces) after SIGKILLs at random moments: the output name never holds a
/// partial file (it is absent or complete), and the rerun's output equals an uninterrupted run's.</summary>
[Collection(ConsoleCollection.Name)]
[Trait("Category", "Engines")]
public class CalcKillTests(ITestOutputHelper output)
{
    private const int Frames = 16;
    private static readonly string[] Args = ["calc", "in.extxyz", "-o", "out.extxyz", "-e", "xtb:gfn2"];

    [Fact]
    public void Killed_and_rerun_calc_equals_an_uninterrupted_run()
    {
        string reference = Temp.Folder(), killed = Temp.Folder();
        try
        {
            var frames = TestPools.Water(Frames).Where(f => f.Type == TestPools.Dimer).Select(f => f.Structure).ToList();
            foreach (var dir in new[] { reference, killed }) StructureFile.Write(Path.Combine(dir, "in.extxyz"), frames);
            var harness = new KillHarness(output, "calc", 404);
            double wall = harness.Uninterrupted(reference, Args);
            var expected = StructureFile.ReadAll(Path.Combine(reference, "out.extxyz"));
            while (harness.Kills < 5)
            {
                foreach (var f in new[] { "out.extxyz", ".cache" }.Select(f => Path.Combine(killed, f)))
                {
                    if (File.Exists(f)) File.Delete(f);
                    if (Directory.Exists(f)) Directory.Delete(f, true); // a new episode starts without cached results
                }
                harness.Episode(killed, Args, wall, kills: 3, () => OnDisk(killed));
                var got = StructureFile.ReadAll(Path.Combine(killed, "out.extxyz"));
                Assert.Equal(expected.Count, got.Count);
                for (int i = 0; i < expected.Count; i++) Same(expected[i], got[i]);
            }
            output.WriteLine($"calc: {harness.Kills} kills; the output name never held a partial file; every rerun's {Frames} frames equal the uninterrupted run's");
        }
        finally
        {
            Directory.Delete(reference, true);
            Directory.Delete(killed, true);
        }
    }

    /// <summary>Energies, forces, positions and every info key but the time stamp are identical.</summary>
    private static void Same(Structure want, Structure have)
    {
        Assert.Equal(want.Positions, have.Positions);
        Assert.Equal(want.Energy, have.Energy);
        Assert.Equal(want.Forces, have.Forces);
        Assert.Equal(want.Info.Keys.Order(), have.Info.Keys.Order());
        foreach (var (key, value) in want.Info.Where(kv => kv.Key != "created")) Assert.Equal(value, have.Info[key]);
    }

    /// <summary>What a kill left under the output name: nothing, or a complete file (checked here).</summary>
    private static string OnDisk(string folder)
    {
        string path = Path.Combine(folder, "out.extxyz");
        int temps = Directory.GetFiles(folder, "*.tmp").Length;
        string litter = temps > 0 ? $"; {temps} temporary file(s) beside it" : "";
        if (!File.Exists(path)) return "no output" + litter;
        var frames = StructureFile.ReadAll(path);
        Assert.Equal(Frames, frames.Count);
        Assert.All(frames, f => Assert.NotNull(f.Energy));
        return "complete output" + litter;
    }
}
