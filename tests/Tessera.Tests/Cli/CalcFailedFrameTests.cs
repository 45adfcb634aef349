using Tessera.Cli;
using Tessera.Core;
using Tessera.Engines;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Tests.IO;

namespace Tessera.Tests.Cli;

/// <summary><c>tessera calc</c> keeps going past a frame that fails: every frame is written, failed ones marked.</summary>
[Collection(ConsoleCollection.Name)]
public class CalcFailedFrameTests
{
    /// <summary>Fails on frames with two atoms (a multi-line engine message), one atom (a fragmentation error) or four
    /// atoms (an engine failure inside parallel work).</summary>
    private sealed class PickyPotential : IPotential
    {
        public string Name => "picky";
        public PotentialResult Compute(Structure s, Needs needs = Needs.Forces) => s.Count switch
        {
            2 => throw new EngineException("toy", EngineFailure.Crash, "exited with code 1", "/tmp/kept", "first line\nthe real reason\n"),
            1 => throw new FragmentationException("Unit 0 (H, charge 0) has an odd number of electrons."),
            4 => throw new AggregateException(new EngineException("toy", EngineFailure.NotConverged, "SCF did not converge")),
            _ => new PotentialResult(-1.5 * s.Count, new Vec3[s.Count]),
        };
    }

    [Fact]
    public void Good_frames_are_written_and_failed_ones_marked_on_one_line()
    {
        using var t = new TempDir();
        var input = t.File("in.extxyz");
        var pair = new Structure([1, 1], [new Vec3(0, 0, 0), new Vec3(0, 0, 0.74)]);
        var atom = new Structure([1], [new Vec3(0, 0, 0)]);
        var four = new Structure([1, 1, 1, 1], [new Vec3(0, 0, 0), new Vec3(0, 0, 0.74), new Vec3(3, 0, 0), new Vec3(3, 0, 0.74)]);
        StructureFile.Write(input, [TestStructures.WaterMonomer(), pair, atom, TestStructures.WaterDimer(), four]);

        int code = CalcCommand.Run(new PickyPotential(), input, t.File("out.extxyz"), Needs.Forces, json: true);

        Assert.Equal(2, code);
        var frames = StructureFile.ReadAll(t.File("out.extxyz"));
        Assert.Equal(5, frames.Count);
        Assert.Equal("toy: SCF did not converge", frames[4].Info["error"]);
        Assert.Equal(-4.5, frames[0].Energy);
        Assert.Equal(-9.0, frames[3].Energy);
        Assert.Null(frames[1].Energy);
        Assert.Equal("toy: exited with code 1: first line; the real reason", frames[1].Info["error"]);
        Assert.Contains("fragmentation: Unit 0", (string)frames[2].Info["error"]);
        Assert.False(frames[0].Info.ContainsKey("error"));
    }

    [Fact]
    public void A_named_level_marks_its_own_error_key()
    {
        using var t = new TempDir();
        var input = t.File("in.extxyz");
        StructureFile.Write(input, [new Structure([1, 1], [new Vec3(0, 0, 0), new Vec3(0, 0, 0.74)])]);
        Assert.Equal(2, CalcCommand.Run(new PickyPotential(), input, t.File("out.extxyz"), Needs.Forces, json: true, key: "energy_high"));
        Assert.True(StructureFile.ReadAll(t.File("out.extxyz"))[0].Info.ContainsKey("energy_high_error"));
    }

    [Fact]
    public void A_cell_narrower_than_twice_the_cutoff_is_refused_before_any_frame_is_computed()
    {
        using var t = new TempDir();
        var input = t.File("cell.extxyz");
        File.WriteAllText(input, BadInput.BadInputFiles.DimerInSmallCell);
        var p = new FragmentPotential(new PickyPotential(), null, FragmentSettings.Create(1, 4.0));
        var e = Assert.Throws<FragmentationException>(() => CalcCommand.Run(p, input, t.File("out.extxyz"), Needs.Energy, json: true));
        Assert.Contains("frame 0", e.Message);
        Assert.Contains("larger cell", e.Message);
        Assert.False(File.Exists(t.File("out.extxyz")));
    }

    [Fact]
    [Trait("Category", "Engines")]
    public void Xtb_says_why_a_collapsed_frame_failed()
    {
        // The structure readers refuse coincident atoms, so the frame is made in memory: xtb's own reason, on one line.
        var collapsed = new Structure([8, 1, 1], [new Vec3(0, 0, 0), new Vec3(0, 0, 0), new Vec3(0, 0.757, 0.586)]);
        var e = Assert.Throws<EngineException>(() => EngineFactory.Create("xtb:gfn2").Compute(collapsed, Needs.Forces));
        Assert.Contains("short distance", e.Reason);
        Assert.DoesNotContain("\n", e.Reason);
    }

    [Fact]
    [Trait("Category", "Engines")]
    public void A_frame_that_cannot_be_computed_is_marked_and_the_good_one_kept()
    {
        using var t = new TempDir();
        var input = t.File("two.xyz");
        File.WriteAllText(input, BadInput.BadInputFiles.GoodThenRadicalXyz);
        Assert.Equal(2, CalcCommand.Run(EngineFactory.Create("xtb:gfn2"), input, t.File("out.extxyz"), Needs.Forces, json: true));
        var frames = StructureFile.ReadAll(t.File("out.extxyz"));
        Assert.NotNull(frames[0].Energy);
        Assert.Contains("electrons", (string)frames[1].Info["error"]);
    }
}
