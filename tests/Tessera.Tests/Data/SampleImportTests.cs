using Tessera.Cli;
using Tessera.Core;
using Tessera.Data;
using Tessera.IO;

namespace Tessera.Tests.Data;

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
    }
}
