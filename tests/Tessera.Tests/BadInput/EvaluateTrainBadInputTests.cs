namespace Tessera.Tests.BadInput;

/// <summary>`tessera train`, `evaluate` and `predict`: missing files, bad options and mixed levels of theory. Cases
/// named in <see cref="NeedsModel"/> get the corpus fragment model as m.json (trained once, on first use).</summary>
public class EvaluateTrainBadInputTests
{
    private static readonly HashSet<string> NeedsModel = ["evaluate-high-level-mismatch", "evaluate-reference-level-mismatch", "evaluate-unknown-fragment-type",
                                                          "evaluate-ranks-not-numbers", "evaluate-json-folder-missing", "evaluate-low-level-mismatch",
                                                          "evaluate-odd-unit-in-second-structure", "evaluate-rank-above-the-highest"];

    private static BadInputCase Train(string id, string[] options, params string[] mustName) =>
        new BadInputCase("train", id, ["train", "fragments", "data.extxyz.gz", "-o", "model.json", "--epochs", "1", "--ensemble", "1", .. options],
                         mustName, ["model.json", "model.test.extxyz"]).WithRepoFile("data.extxyz.gz", BadInputFiles.W6Dataset);

    private static BadInputCase Bpnn(string id, string[] options, params string[] mustName) =>
        new BadInputCase("train", id, ["train", "bpnn", "data.extxyz.gz", "-o", "bpnn", .. options], mustName, ["bpnn"])
            .WithRepoFile("data.extxyz.gz", "data/water16/water16-frames.extxyz.gz");

    private static BadInputCase Evaluate(string id, string frames, string content, string[] options, params string[] mustName) =>
        new BadInputCase("evaluate", "evaluate-" + id, ["evaluate", frames, "-m", "m.json", .. options], mustName, ["report.json"]).WithFile(frames, content);

    /// <summary>A water whose full-system reference came from xtb, not from the model's high level.</summary>
    private const string XtbReference =
        "3\nProperties=species:S:1:pos:R:3 energy_high=-137.97 energy_high_calculator=xtb:gfn2\n" +
        "O 0.000 0.000 0.000\nH 0.000 0.000 0.960\nH 0.000 0.900 -0.300\n";

    /// <summary>A labelled ammonia monomer: a fragment type the water model has no networks for.</summary>
    private const string AmmoniaFragment =
        "4\nProperties=species:S:1:pos:R:3:unit:I:1 fragment_type=r0:H3N rank=0 E_low=-1.0 E_high=-2.0 delta=-1.0\n" +
        "N 0 0 0 0\nH 0 0 1.01 0\nH 0.95 0 -0.34 0\nH -0.47 0.82 -0.34 0\n";

    public static readonly IReadOnlyList<BadInputCase> Cases =
    [
        new BadInputCase("train", "train-dataset-missing", ["train", "fragments", "missing.extxyz.gz"], ["missing.extxyz.gz"], ["fragment-model.json"]),
        Train("train-low-level-mismatch", ["--low", "xtb:gfn1"], "xtb:gfn1", "xtb:gfn2", "--low", "--allow-level-mismatch"),
        Train("train-ensemble-zero", ["--ensemble", "0"], "--ensemble"),
        Train("train-epochs-zero", ["--epochs", "0"], "--epochs"),
        Train("train-hidden-not-numbers", ["--hidden", "16,abc"], "--hidden", "abc"),
        Train("train-lr-negative", ["--lr", "-0.001"], "--lr"),
        Train("train-validation-above-one", ["--validation", "1.5"], "--validation"),
        Train("train-fragments-misspelt", ["--fragments", "rnak=2,cutoff=4.5"], "--fragments", "rnak"),
        Train("train-splits-leave-nothing", ["--validation", "0.5", "--test", "0.5"], "--validation", "--test"),
        new BadInputCase("train", "train-not-a-fragment-data-set", ["train", "fragments", "dimer.extxyz", "--fragments", "rank=1,cutoff=4"],
                         ["dimer.extxyz", "frame 0", "fragment"], ["fragment-model.json"]).WithFile("dimer.extxyz", BadInputCorpus.WaterDimerXyz),
        Train("train-optimizer-unknown", ["--optimizer", "sgd"], "--optimizer", "sgd"),
        Train("train-config-missing", ["--config", "missing.yaml"], "--config", "missing.yaml"),
        Train("train-config-unknown-key", ["--config", "t.yaml"], "t.yaml:2", "'hiden'", "valid keys", "hidden").WithFile("t.yaml", "epochs: 1\nhiden: [8]\n"),
        Train("train-config-wrong-type", ["--config", "t.yaml"], "t.yaml:1", "'lr'", "number").WithFile("t.yaml", "lr: fast\n"),
        Train("train-config-out-of-range", ["--config", "t.yaml"], "t.yaml:1", "'validation'", "--validation").WithFile("t.yaml", "validation: 1.5\n"),
        Train("train-config-not-yaml", ["--config", "t.yaml"], "t.yaml:", "YAML").WithFile("t.yaml", "epochs: [1\n"),
        Train("train-config-not-a-mapping", ["--config", "t.yaml"], "t.yaml", "mapping").WithFile("t.yaml", "- epochs\n- 1\n"),
        Bpnn("bpnn-config-unknown-key", ["--config", "b.yaml"], "b.yaml:1", "'epoch'").WithFile("b.yaml", "epoch: 3\n"),
        new BadInputCase("train", "bpnn-output-missing", ["train", "bpnn", "data.extxyz.gz"], ["--output"], [])
            .WithRepoFile("data.extxyz.gz", "data/water16/water16-frames.extxyz.gz"),
        Bpnn("bpnn-hidden-not-numbers", ["--hidden", "25,abc"], "--hidden", "abc"),
        Bpnn("bpnn-activation-unknown", ["--activation", "zz"], "--activation", "zz"),
        Bpnn("bpnn-epochs-zero", ["--epochs", "0"], "--epochs"),
        Bpnn("bpnn-cutoff-negative", ["--cutoff", "-6"], "--cutoff"),
        Bpnn("bpnn-ensemble-zero", ["--ensemble", "0"], "--ensemble"),
        new BadInputCase("evaluate", "evaluate-model-missing", ["evaluate", "w.xyz", "-m", "missing.json"], ["missing.json"], [])
            .WithFile("w.xyz", BadInputFiles.WaterXyz),
        new BadInputCase("evaluate", "evaluate-frames-missing", ["evaluate", "missing.extxyz", "-m", "missing.json"], ["missing.extxyz"], []),
        Evaluate("high-level-mismatch", "w.xyz", BadInputFiles.WaterXyz, ["--high", "xtb:gfn2", "--ranks", "0"], "--high", "xtb:gfn2", "psi4:mp2/cc-pvdz", "--allow-level-mismatch"),
        Evaluate("low-level-mismatch", "w.xyz", BadInputFiles.WaterXyz, ["--low", "xtb:gfn1", "--ranks", "0"], "--low", "xtb:gfn1", "xtb:gfn2"),
        Evaluate("reference-level-mismatch", "ref.extxyz", XtbReference, ["--ranks", "0"], "energy_high", "xtb:gfn2", "psi4:mp2/cc-pvdz", "--allow-level-mismatch"),
        Evaluate("unknown-fragment-type", "nh3.extxyz", AmmoniaFragment, [], "m.json", "r0:H3N"),
        Evaluate("odd-unit-in-second-structure", "two.xyz", BadInputFiles.WaterXyz + BadInputFiles.HydroxylWaterXyz, ["--ranks", "1"],
                 "m.json", "structure 1", "odd number of electrons"),
        Evaluate("rank-above-the-highest", "w.xyz", BadInputFiles.WaterXyz, ["--ranks", "0,9"], "--ranks", "9"),
        Evaluate("ranks-not-numbers", "w.xyz", BadInputFiles.WaterXyz, ["--ranks", "0,x"], "--ranks", "x"),
        Evaluate("json-folder-missing", "w.xyz", BadInputFiles.WaterXyz, ["--json", "nodir/report.json"], "nodir", "does not exist"),
        new BadInputCase("predict", "predict-model-missing", ["predict", "w.xyz", "-m", "nomodel", "-o", "p.extxyz"], ["--model", "nomodel"], ["p.extxyz"])
            .WithFile("w.xyz", BadInputFiles.WaterXyz),
        new BadInputCase("predict", "predict-input-missing", ["predict", "missing.xyz", "-m", "bpnn", "-o", "p.extxyz"], ["missing.xyz"], ["p.extxyz"])
            .WithRepoFile("bpnn/input.nn", "data/water16/bpnn/input.nn").WithRepoFile("bpnn/scaling.data", "data/water16/bpnn/scaling.data")
            .WithRepoFile("bpnn/weights.001.data", "data/water16/bpnn/weights.001.data").WithRepoFile("bpnn/weights.008.data", "data/water16/bpnn/weights.008.data"),
        Predict("unknown-model", "w.xyz", BadInputFiles.WaterXyz, "nosuch:thing", [], "--model", "nosuch:thing", "xtb:gfn2"),
        Predict("fragment-model-file-missing", "w.xyz", BadInputFiles.WaterXyz, "missing.json", [], "--model", "missing.json", "does not exist"),
        Predict("model-folder-missing", "w.xyz", BadInputFiles.WaterXyz, "models/none", [], "--model", "models/none", "no such model folder"),
        Predict("key-not-a-name", "w.xyz", BadInputFiles.WaterXyz, "xtb:gfn2", ["--key", "1-bad"], "--key", "1-bad"),
        // The W6 model knows water and hydronium units; ammonia is a unit it has no networks for.
        Predict("fragment-model-unknown-unit", "nh3.xyz", BadInputFiles.WaterXyz + AmmoniaXyz, "m.json", [], "--model", "m.json", "frame 1 of nh3.xyz", "H3N")
            .WithRepoFile("m.json", FragmentModelFile),
        Predict("fragment-model-radical-unit", "oh.xyz", BadInputFiles.HydroxylWaterXyz, "m.json", [], "--model", "m.json", "frame 0 of oh.xyz")
            .WithRepoFile("m.json", FragmentModelFile),
    ];

    private const string FragmentModelFile = "data/models/w6-increments.json";

    private const string AmmoniaXyz = "4\nammonia\nN 0 0 0\nH 0 0 1.01\nH 0.95 0 -0.34\nH -0.47 0.82 -0.34\n";

    private static BadInputCase Predict(string id, string input, string content, string model, string[] options, params string[] mustName) =>
        new BadInputCase("predict", "predict-" + id, ["predict", input, "-m", model, "-o", "p.extxyz", .. options], mustName, ["p.extxyz"]).WithFile(input, content);

    public static TheoryData<string> Ids => BadInputCorpus.Ids(Cases);

    [Theory, MemberData(nameof(Ids))]
    public void Fails_cleanly(string id)
    {
        var c = BadInputCorpus.Find(Cases, id);
        BadInputRunner.Check(NeedsModel.Contains(id) ? c.WithFile("m.json", BadInputModels.W6Model) : c);
    }
}
