using Tessera.Cli;
using Tessera.Core;
using Tessera.Data;
using Tessera.IO;

namespace Tessera.Tests.Data;

[Collection(ConsoleCollection.Name)]
public class SampleImportTests
{
    [Fact]
    public void Import_skips_equilibration_and_strides()
    {
        var folder = Temp.Folder();
        var traj = Path.Combine(folder, "traj.xyz");
        var frames = Enumerable.Range(0, 25).Select(i => { var s = TestStructures.WaterDimer(); s.Positions[0] += new Vec3(0.001 * i, 0, 0); return s; }).ToList();
        StructureFile.Write(traj, frames);
        var output = Path.Combine(folder, "frames.extxyz.gz");
        Assert.Equal(0, SampleCommand.Run(traj, 5, 4, null, null, output));
        var kept = StructureFile.ReadAll(output);
        Assert.Equal(new long[] { 5, 9, 13, 17, 21 }, kept.Select(s => (long)s.Info[FrameImport.SourceIndexKey]));
        for (int k = 0; k < kept.Count; k++) Assert.Equal(frames[5 + 4 * k].Positions, kept[k].Positions);
        Assert.Equal(0, SampleCommand.Run(traj, 5, 4, 2, null, output));
        Assert.Equal(2, StructureFile.ReadAll(output).Count);
        Assert.Equal(0, SampleCommand.Run(traj, 0, 10, null, null, output, charge: 1, multiplicity: 2));
        Assert.All(StructureFile.ReadAll(output), s => Assert.Equal((1, 2), (s.Charge, s.Multiplicity)));
    }

    [Fact]
    public void Import_reads_an_n2p2_trajectory_in_the_given_units()
    {
        var folder = Temp.Folder();
        var traj = Path.Combine(folder, "traj.data");
        var frames = Enumerable.Range(0, 3).Select(i => { var s = TestStructures.WaterDimer(); s.Positions[0] += new Vec3(0.01 * i, 0, 0); return s; }).ToList();
        StructureFile.Write(traj, frames, null, N2p2Units.AngstromEv);
        var output = Path.Combine(folder, "frames.extxyz.gz");
        Assert.Equal(0, SampleCommand.Run(traj, 0, 1, null, null, output, n2p2Units: "angstrom,ev"));
        var kept = StructureFile.ReadAll(output);
        for (int k = 0; k < kept.Count; k++) Assert.Equal(frames[k].Positions, kept[k].Positions);
        Assert.Equal(0, SampleCommand.Run(traj, 0, 1, null, null, output)); // the default, Bohr: every length * Bohr
        Assert.Equal(frames[2].Positions[1] * Units.Bohr, StructureFile.ReadAll(output)[2].Positions[1]);
    }
}

[Collection(ConsoleCollection.Name)]
public class SampleMdTests
{
    [Fact]
    public async Task Md_sampling_drops_equilibration_records_the_seed_and_is_reproducible()
    {
        var folder = Temp.Folder();
        var start = Path.Combine(folder, "water.extxyz");
        StructureFile.Write(start, [TestStructures.WaterMonomer()]);
        var o = new SampleMdOptions(start, "xtb:gfn2", Equilibration: 4, Production: 6, Every: 2, Seed: 3);
        var a = Path.Combine(folder, "a.extxyz");
        var b = Path.Combine(folder, "b.extxyz");
        Assert.Equal(0, await SampleCommand.RunMd(o, a));
        Assert.Equal(0, await SampleCommand.RunMd(o, b));
        var fa = StructureFile.ReadAll(a);
        Assert.Equal(new long[] { 4, 6, 8, 10 }, fa.Select(s => (long)s.Info["step"]));
        Assert.All(fa, s => Assert.Equal(3L, s.Info[SampleCommand.SeedKey]));
        Assert.All(fa, s => Assert.StartsWith("bussi T=300 K", (string)s.Info[SampleCommand.ThermostatKey]));
        Assert.Equal(fa.Select(s => s.Positions), StructureFile.ReadAll(b).Select(s => s.Positions));
        Assert.NotEqual(fa[0].Positions, fa[1].Positions);
        // Another seed gives another trajectory.
        var c = Path.Combine(folder, "c.extxyz");
        Assert.Equal(0, await SampleCommand.RunMd(o with { Seed = 4 }, c));
        Assert.NotEqual(fa[^1].Positions, StructureFile.ReadAll(c)[^1].Positions);
    }
}
