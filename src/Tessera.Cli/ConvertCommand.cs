using System.CommandLine;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary><c>tessera convert IN OUT [--from FMT] [--to FMT] [--n2p2-units U] [--n2p2-out-units U]</c>: streams frames from
/// one structure file to another; n2p2 files are read in --n2p2-units and written in --n2p2-out-units (default: the
/// same), Bohr/Hartree when neither is given.</summary>
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
        var units = CliCommon.N2p2UnitsOption();
        var outUnits = new Option<string?>("--n2p2-out-units") { Description = "Units of a written n2p2 file, as --n2p2-units (default: --n2p2-units)" };
        var cmd = new Command("convert", "Convert structure files between xyz, extxyz and n2p2 input.data");
        cmd.Arguments.Add(input);
        cmd.Arguments.Add(output);
        foreach (var o in new Option[] { from, to, charge, mult, units, outUnits }) cmd.Options.Add(o);
        cmd.SetAction(pr => Run(pr.GetValue(input)!, pr.GetValue(output)!, pr.GetValue(from), pr.GetValue(to), pr.GetValue(charge), pr.GetValue(mult),
                                pr.GetValue(units), pr.GetValue(outUnits)));
        return cmd;
    }

    public static int Run(string input, string output, string? from, string? to, int? charge = null, int? multiplicity = null,
                          string? n2p2Units = null, string? n2p2OutUnits = null) => CliErrors.Guard(() =>
    {
        int count = 0;
        var inUnits = CliCommon.N2p2UnitsOf(n2p2Units);
        var outUnits = n2p2OutUnits is null ? inUnits : N2p2Units.Parse(n2p2OutUnits, "--n2p2-out-units");
        StructureFile.Write(output, StructureFile.Read(input, from, inUnits).Select(s => { count++; return CliCommon.Override(s, charge, multiplicity); }), to, outUnits);
        Console.WriteLine($"Converted {count} frame{(count == 1 ? "" : "s")}: {input} -> {output}");
        return 0;
    });
}
