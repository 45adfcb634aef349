using System.CommandLine;
using Tessera.Data;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary><c>tessera sample --import TRAJ [--skip N] [--stride K] [--max M] -o frames.extxyz.gz</c>: frames for the
/// pool from an existing trajectory (any format StructureFile reads), equilibration dropped, thinned by a stride.</summary>
public sealed class SampleCommand : ICliCommand
{
    public Command Build()
    {
        var import = new Option<string>("--import") { Description = "Trajectory to take frames from (xyz, extxyz, n2p2 input.data; .gz allowed)", Required = true };
        var skip = new Option<int>("--skip") { Description = "Frames dropped at the start (equilibration)", DefaultValueFactory = _ => 0 };
        var stride = new Option<int>("--stride") { Description = "Keep every K-th frame after the skipped ones", DefaultValueFactory = _ => 1 };
        var max = new Option<int?>("--max") { Description = "Keep at most M frames" };
        var format = new Option<string?>("--format") { Description = $"Input format ({string.Join(", ", StructureFile.Formats)}); default: from the name" };
        var output = new Option<string>("--output", "-o") { Description = "Frames file (extxyz[.gz])", DefaultValueFactory = _ => "frames.extxyz.gz" };
        var cmd = new Command("sample", "Frames for the fragment pool: imported from a trajectory (skip equilibration, stride)");
        foreach (var o in new Option[] { import, skip, stride, max, format, output }) cmd.Options.Add(o);
        cmd.SetAction(pr => Run(pr.GetValue(import)!, pr.GetValue(skip), pr.GetValue(stride), pr.GetValue(max), pr.GetValue(format), pr.GetValue(output)!));
        return cmd;
    }

    public static int Run(string import, int skip, int stride, int? max, string? format, string output) => PipelineCli.Guarded(() =>
    {
        int count = 0;
        StructureFile.Write(output, FrameImport.Frames(import, skip, stride, max, format).Select(s => { count++; return s; }), StructureFile.ExtXyzFormat);
        if (count == 0) { File.Delete(output); throw new ArgumentException($"{import}: no frame left after skipping {skip} with stride {stride}."); }
        Console.WriteLine($"Kept {count} frames of {import} (skip {skip}, stride {stride}) -> {output}");
        return 0;
    });
}
