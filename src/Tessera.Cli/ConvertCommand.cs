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
        var from = new Option<string?>("--from") { Description = $"Input format ({string.Join(", ", StructureFile.Formats)}); default: from the name" }.StructureFormat();
        var to = new Option<string?>("--to") { Description = $"Output format ({string.Join(", ", StructureFile.Formats)}); default: from the name" }.StructureFormat();
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var cmd = new Command("convert", "Convert structure files between xyz, extxyz and n2p2 input.data");
        cmd.Arguments.Add(input);
        cmd.Arguments.Add(output);
        foreach (var o in new Option[] { from, to, charge, mult }) cmd.Options.Add(o);
        cmd.SetAction(pr => Run(pr.GetValue(input)!, pr.GetValue(output)!, pr.GetValue(from), pr.GetValue(to), pr.GetValue(charge), pr.GetValue(mult)));
        return cmd;
    }

    public static int Run(string input, string output, string? from, string? to, int? charge = null, int? multiplicity = null) => CliErrors.Guard(() =>
    {
        int count = 0;
        StructureFile.Write(output, StructureFile.Read(input, from).Select(s => { count++; return CliCommon.Override(s, charge, multiplicity); }), to);
        Console.WriteLine($"Converted {count} frame{(count == 1 ? "" : "s")}: {input} -> {output}");
        return 0;
    });
}
