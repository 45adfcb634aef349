namespace Tessera.Tests.BadInput;

/// <summary>`tessera convert` on malformed structure files of every format.</summary>
public class ConvertBadInputTests
{
    private static BadInputCase Convert(string id, string input, string content, params string[] mustName) =>
        new BadInputCase("convert", id, ["convert", input, "out.extxyz"], [input, .. mustName], ["out.extxyz"])
            .WithFile(input, content);

    public static readonly IReadOnlyList<BadInputCase> Cases =
    [
        Convert("xyz-count-not-a-number", "in.xyz", "abc\n\nO 0 0 0\n", ":1"),
        Convert("xyz-coordinate-not-a-number", "in.xyz", "2\n\nO 0 0 0\nH 0 0 abc\n", ":4"),
        Convert("xyz-too-few-atoms", "in.xyz", "3\n\nO 0 0 0\nH 0 0 1\n"),
        Convert("xyz-unknown-element", "in.xyz", "1\n\nXx 0 0 0\n", "Xx"),
        new BadInputCase("convert", "n2p2-units-unknown", ["convert", "in.xyz", "out.data", "--n2p2-units", "furlong,ev"], ["--n2p2-units", "furlong"], ["out.data"])
            .WithFile("in.xyz", "1\n\nH 0 0 0\n"),
        new BadInputCase("convert", "n2p2-out-units-unknown", ["convert", "in.xyz", "out.data", "--n2p2-out-units", "bohr,kcal"], ["--n2p2-out-units", "kcal"], ["out.data"])
            .WithFile("in.xyz", "1\n\nH 0 0 0\n"),
        new BadInputCase("predict", "predict-n2p2-units-unknown", ["predict", "-m", "xtb:gfn2", "in.xyz", "-o", "out.extxyz", "--n2p2-units", "angstrom,furlong"],
                         ["--n2p2-units", "furlong"], ["out.extxyz"]).WithFile("in.xyz", "1\n\nH 0 0 0\n"),
    ];

    public static TheoryData<string> Ids => BadInputCorpus.Ids(Cases);

    [Theory, MemberData(nameof(Ids))]
    public void Fails_cleanly(string id) => BadInputRunner.Check(BadInputCorpus.Find(Cases, id));
}
