using Tessera.Cli;
using Tessera.Core;
using Tessera.IO;
using Tessera.Tests.IO;

namespace Tessera.Tests.Cli;

/// <summary>`predict -m FOLDER input.data` reads the data in the model's units (Cu2S_PBE: Angstrom/eV by its input.nn
/// header) and says which it used; --n2p2-units and the spec's ';units=' override them.</summary>
[Collection(ConsoleCollection.Name)]
public class PredictN2p2UnitsTests
{
    private static (int Code, string Out) Predict(string model, string input, string output, string? units = null)
    {
        var writer = new StringWriter();
        var old = Console.Out;
        Console.SetOut(writer);
        try { return (PredictCommand.Run(model, input, output, n2p2Units: units), writer.ToString()); }
        finally { Console.SetOut(old); }
    }

    [Fact]
    public void Cu2S_data_are_read_in_the_models_header_units_and_the_summary_says_so()
    {
        using var t = new TempDir();
        string dir = SharedData.Path("n2p2", "Cu2S_PBE"), data = Path.Combine(dir, "input.data");
        var (code, text) = Predict(dir, data, t.File("new.extxyz"));
        Assert.Equal(0, code);
        Assert.Contains("units Angstrom/eV from the input.nn header; n2p2 data in Angstrom/eV", text);
        var s = StructureFile.ReadAll(t.File("new.extxyz")).Single();
        Assert.Equal(15.246, s.Cell!.Value[0, 0], 12);
        // PBE's own energy of the frame is -573.700369 eV; the potential is within 0.1 eV of it.
        Assert.InRange((double)s.Info["energy"], -573.8, -573.6);

        // The old reading, asked for explicitly: the same network numbers in Bohr/Hartree, so energy * Hartree.
        var (code2, text2) = Predict(dir + ";units=bohr,hartree", data, t.File("old.extxyz"), "bohr,hartree");
        Assert.Equal(0, code2);
        Assert.Contains("units Bohr/Hartree as given; n2p2 data in Bohr/Hartree", text2);
        var old = StructureFile.ReadAll(t.File("old.extxyz")).Single();
        double eOld = (double)old.Info["energy"], eNew = (double)s.Info["energy"];
        Assert.True(Math.Abs(eNew * Units.Hartree - eOld) <= 1e-12 * Math.Abs(eOld), $"{eNew:R} eV * Hartree vs {eOld:R}");
    }

    [Fact]
    public void The_option_overrides_the_models_units_for_the_data()
    {
        using var t = new TempDir();
        string dir = SharedData.Path("n2p2", "H2O_RPBE-D3");
        // The water box written in Angstrom/eV, read back with --n2p2-units angstrom,ev: the same structure and energy.
        var box = StructureFile.ReadAll(Path.Combine(dir, "input.data"));
        StructureFile.Write(t.File("box.data"), box, null, N2p2Units.AngstromEv);
        var (code, text) = Predict(dir, t.File("box.data"), t.File("a.extxyz"), "angstrom,ev");
        Assert.Equal(0, code);
        Assert.Contains("units Bohr/Hartree from the input.nn header; n2p2 data in Angstrom/eV", text);
        Assert.Equal(0, Predict(dir, Path.Combine(dir, "input.data"), t.File("b.extxyz")).Code);
        double a = (double)StructureFile.ReadAll(t.File("a.extxyz")).Single().Info["energy"];
        double b = (double)StructureFile.ReadAll(t.File("b.extxyz")).Single().Info["energy"];
        Assert.Equal(b, a, 1e-8);
    }
}
