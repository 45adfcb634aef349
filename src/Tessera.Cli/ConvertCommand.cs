using System.CommandLine;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary><c>tessera convert IN OUT [--from FMT] [--to FMT]</c>: streams frames from one structure file to another.</summary>
public sealed class ConvertCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Argument<string>("input") { Description = "Input structure file (xyz, extxyz, n2p2 input.data; .gz allowed)" };
        var output = new Argument<string>("output") { Description = "Output structure file" };
        var from = new Option<string?>("--from") { Description = $"Input format ({string.Join(", ", StructureFile.Formats)}); default: from the name" };
        var to = new Option<string?>("--to") { Description = $"Output format ({string.Join(", ", StructureFile.Formats)}); default: from the name" };
        var cmd = new Command("convert", "Convert structure files between xyz, extxyz and n2p2 input.data");
        cmd.Arguments.Add(input);
        cmd.Arguments.Add(output);
        cmd.Options.Add(from);
        cmd.Options.Add(to);
        cmd.SetAction(pr => Run(pr.GetValue(input)!, pr.GetValue(output)!, pr.GetValue(from), pr.GetValue(to)));
        return cmd;
    }

    public static int Run(string input, string output, string? from, string? to) => CliErrors.Guard(() =>
    {
        int count = 0;
        StructureFile.Write(output, StructureFile.Read(input, from).Select(s => { count++; return s; }), to);
        Console.WriteLine($"Converted {count} frame{(count == 1 ? "" : "s")}: {input} -> {output}");
        return 0;
    });
}
