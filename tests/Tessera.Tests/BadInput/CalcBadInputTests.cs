namespace Tessera.Tests.BadInput;

/// <summary>`tessera calc` with bad options, bad settings and frames an engine rejects. Option mistakes fail before
/// any engine runs; a frame the engine rejects is written marked (exit code 2), so its output is not a lost file.</summary>
public class CalcBadInputTests
{
    private static BadInputCase Calc(string id, string[] options, params string[] mustName) =>
        new BadInputCase("calc", id, ["calc", "w.xyz", "-o", "out.extxyz", .. options], mustName, ["out.extxyz"])
            .WithFile("w.xyz", BadInputFiles.WaterXyz);

    private static BadInputCase Marked(string id, string input, string content, string[] options, params string[] mustName) =>
        new BadInputCase("calc", id, ["calc", input, "-o", "out.extxyz", .. options], mustName, []) { ExitCodes = [2] }
            .WithFile(input, content);

    public static readonly IReadOnlyList<BadInputCase> Cases =
    [
        Calc("engine-unknown", ["-e", "foo"], "foo", "--engine"),
        Calc("engine-option-not-a-number", ["-e", "xtb:gfn2;acc=abc"], "--engine", "acc", "abc"),
        Calc("engine-option-unknown", ["-e", "xtb:gfn2;acurracy=1"], "--engine", "acurracy"),
        Calc("engine-option-not-key-value", ["-e", "xtb:gfn2;acc"], "--engine", "acc"),
        Calc("method-given-twice", ["-e", "xtb:gfn2", "--method", "gfn1"], "--method"),
        Calc("m-is-model-not-method", ["-m", "gfn2"], "-m", "gfn2", "--method", "tessera predict"),
        Calc("fragment-key-misspelt", ["--fragment", "rnak=2,cutoff=4", "--high", "xtb:gfn2"], "--fragment", "rnak", "rank"),
        Calc("fragment-rank-negative", ["--fragment", "rank=-1,cutoff=4", "--high", "xtb:gfn2"], "--fragment", "rank"),
        Calc("fragment-on-above-cutoff", ["--fragment", "rank=1,cutoff=4,on=5", "--high", "xtb:gfn2"], "--fragment", "on", "cutoff"),
        Calc("fragment-without-high", ["--fragment", "rank=1,cutoff=4"], "--high"),
        Calc("low-without-fragment", ["--low", "xtb:gfn2"], "--fragment"),
        Calc("high-engine-unknown", ["--fragment", "rank=1,cutoff=4", "--high", "psi5:mp2"], "--high", "psi5"),
        Calc("key-empty", ["--key", ""], "--key"),
        Calc("key-with-a-space", ["--key", "energy high"], "--key", "energy high"),
        new BadInputCase("calc", "output-format-unknown", ["calc", "w.xyz", "-o", "out.txt"], ["--output", "out.txt", "extxyz"], ["out.txt"])
            .WithFile("w.xyz", BadInputFiles.WaterXyz),
        Calc("multiplicity-zero", ["--multiplicity", "0"], "--multiplicity"),
        Calc("charge-not-a-number", ["--charge", "abc"], "--charge", "abc"),
        new BadInputCase("calc", "output-folder-missing", ["calc", "w.xyz", "-o", "nodir/out.extxyz"], ["nodir", "does not exist"], ["nodir"])
            .WithFile("w.xyz", BadInputFiles.WaterXyz),
        new BadInputCase("calc", "input-missing", ["calc", "missing.xyz", "-o", "out.extxyz"], ["missing.xyz"], ["out.extxyz"]),
        new BadInputCase("calc", "fragment-cell-too-small", ["calc", "cell.extxyz", "-o", "out.extxyz", "--fragment", "rank=1,cutoff=4", "--high", "xtb:gfn2"],
                         ["cell.extxyz", "frame 0", "cutoff", "larger cell"], ["out.extxyz"]).WithFile("cell.extxyz", BadInputFiles.DimerInSmallCell),
        Marked("good-then-radical", "two.xyz", BadInputFiles.GoodThenRadicalXyz, [], "frame 1", "9 electrons", "1 of 2 frames failed", "error="),
        Marked("odd-electrons", "oh.xyz", BadInputFiles.HydroxylXyz, [], "frame 0", "9 electrons", "--charge"),
        Marked("psi4-unknown-basis", "w.xyz", BadInputFiles.WaterXyz, ["-e", "psi4:scf/cc-pvqqq"], "frame 0", "CC-PVQQQ"),
    ];

    public static TheoryData<string> Ids => BadInputCorpus.Ids(Cases);

    [Theory, MemberData(nameof(Ids))]
    public void Fails_cleanly(string id) => BadInputRunner.Check(BadInputCorpus.Find(Cases, id));
}
