using System.Text;

namespace Tessera.Tests.BadInput;

/// <summary>Damaged n2p2 potentials (<see cref="N2p2ModelDamages"/>: input.nn keywords, scaling.data rows,
/// weights files) given to the commands that load a Behler-Parrinello model: `predict` (reads the folder
/// directly) and `optimize` (through the model resolver). Each must fail naming the potential's file and line
/// and write nothing under the output name.</summary>
public class N2p2ModelBadInputTests
{
    private static BadInputCase Case(string command, N2p2ModelDamage d)
    {
        string[] args = command == "predict"
            ? ["predict", "--model", "model", "in.xyz", "-o", "out.extxyz"]
            : ["optimize", "in.xyz", "--model", "model", "-o", "out.extxyz"];
        var c = new BadInputCase(command, $"{command}-{d.Id}", args, d.MustName, ["out.extxyz"]).WithFile("in.xyz", BadInputCorpus.WaterDimerXyz);
        foreach (var (name, text) in d.Files)
            if (text is not null) c = c.WithFile($"model/{name}", Encoding.UTF8.GetBytes(text));
        return c;
    }

    /// <summary>The intact potential with a model spec whose units option names a unit Tessera does not know.</summary>
    private static BadInputCase SpecUnits()
    {
        var c = new BadInputCase("predict", "predict-spec-units-unknown", ["predict", "--model", "model;units=furlong,ev", "in.xyz", "-o", "out.extxyz"],
                                 ["--model", "furlong"], ["out.extxyz"]).WithFile("in.xyz", BadInputCorpus.WaterDimerXyz);
        foreach (var (name, text) in N2p2ModelDamages.Intact) c = c.WithFile($"model/{name}", Encoding.UTF8.GetBytes(text));
        return c;
    }

    public static readonly IReadOnlyList<BadInputCase> Cases =
        [.. new[] { "predict", "optimize" }.SelectMany(cmd => N2p2ModelDamages.All.Select(d => Case(cmd, d))), SpecUnits()];

    public static TheoryData<string> Ids => BadInputCorpus.Ids(Cases);

    [Theory, MemberData(nameof(Ids))]
    public void Fails_cleanly(string id) => BadInputRunner.Check(BadInputCorpus.Find(Cases, id));
}
