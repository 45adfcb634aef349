using System.Globalization;
using Tessera.Core;
using Tessera.IO;
using Tessera.Tests.Potentials.BehlerParrinello;

namespace Tessera.Tests.BadInput;

/// <summary>`tessera md --resume` on torn, empty or foreign trajectories, `md` on a bad `step` key, and `tessera
/// train` on NaN/Inf labels or a diverging fit. A torn tail is repaired (exit 0, a notice naming it); everything else
/// fails with one message naming the file, frame, key or option and writes nothing under the output name.</summary>
public class ResumeBadInputTests
{
    private const string Model = "model";
    private const string Langevin = "langevin-baoab(T=300 K, gamma=0.01/fs, dt=0.5 fs)";

    private static readonly string[] Atoms =
        ["O 0.000 0.000 0.000", "H 0.757 0.586 0.000", "H -0.757 0.586 0.000",
         "O 0.000 -0.500 2.900", "H 0.757 -0.200 3.400", "H -0.757 -0.200 3.400"];

    /// <summary>One trajectory frame as `md` writes it (at rest, with the run's provenance).</summary>
    private static string Frame(string step, string extra = "", bool momenta = true) =>
        $"6\nProperties=species:S:1:pos:R:3{(momenta ? ":momenta:R:3" : "")} step={step} time=5.0 md_model={Model} " +
        $"md_integrator=\"{Langevin}\" md_seed=1 md_timestep_fs=0.5 md_start_step=0 {extra}pbc=\"F F F\"\n" +
        string.Concat(Atoms.Select(a => a + (momenta ? " 0.001 0 0\n" : "\n")));

    private static readonly string TwoFrames = Frame("0") + Frame("10");

    private static string Tail(string text, int drop) => text[..^drop];

    /// <summary>`md --resume` of the water dimer on the shared n2p2 water model (copied in as ./model). With
    /// <paramref name="proceeds"/> the run must go on (exit 0) and say why on stderr (a repaired tail, a forced resume).</summary>
    private static BadInputCase Md(string id, string trajectory, string[] extraArgs, string[] mustName, bool proceeds = false) =>
        WithModel(new BadInputCase("md", id,
            ["md", "in.xyz", "-m", Model, "--integrator", "langevin", "-n", "20", "--trajectory-every", "5", "--resume",
             "-o", "md.extxyz", "--log", "md.log", .. extraArgs],
            mustName, [])
        {
            InputsMustSurvive = !proceeds,
            ExitCodes = proceeds ? [0] : null,
        }.WithFile("in.xyz", BadInputCorpus.WaterDimerXyz).WithFile("md.extxyz", trajectory)
         .WithFile("md.log", "# step time_fs E_pot_eV E_kin_eV E_total_eV T_K T_H_K T_O_K\n"));

    /// <summary>`md` (fresh start) from an extxyz input whose comment line carries <paramref name="info"/>.</summary>
    private static BadInputCase MdInput(string id, string info, params string[] mustName) =>
        WithModel(new BadInputCase("md", id, ["md", "in.extxyz", "-m", Model, "-n", "5", "-o", "out.extxyz", "--log", "out.log"],
                                   ["in.extxyz", .. mustName], ["out.extxyz", "out.log"])
            .WithFile("in.extxyz", $"6\nProperties=species:S:1:pos:R:3 {info} pbc=\"F F F\"\n" + string.Join('\n', Atoms) + "\n"));

    private static BadInputCase WithModel(BadInputCase c)
    {
        foreach (var f in new[] { "input.nn", "scaling.data", "weights.001.data", "weights.008.data" })
            c = c.WithRepoFile($"{Model}/{f}", $"../shared/n2p2/H2O_RPBE-D3/{f}");
        return c;
    }

    private static string ToyBpnnData(Action<List<Structure>> spoil)
    {
        var frames = BpnnTrainingTests.ToyData(12, 3);
        spoil(frames);
        return ExtXyzText(frames);
    }

    private static string W6Fragments(Action<List<Structure>> spoil)
    {
        var frames = StructureFile.Read(BadInputRunner.RepoPath("data/w6/w6-dataset.extxyz.gz")).Take(12).ToList();
        spoil(frames);
        return ExtXyzText(frames);
    }

    private static string ExtXyzText(IEnumerable<Structure> frames)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var f in frames) ExtXyz.Write(w, f);
        return w.ToString();
    }

    private static void SpoilForce(Structure s, string key, double value)
    {
        // The shipped W6 data sets are energies only: give the fragment both force arrays first.
        foreach (var k in new[] { "forces_high", "forces_low" }.Where(k => key.StartsWith("forces_") && !s.Arrays.ContainsKey(k)))
            s.Arrays[k] = PerAtomArray.Vectors(new Vec3[s.Count]);
        var f = s.Arrays[key].AsVectors();
        f[1] = new Vec3(f[1].X, value, f[1].Z);
        s.Arrays[key] = PerAtomArray.Vectors(f);
    }

    private static BadInputCase Bpnn(string id, string data, string[] extraArgs, params string[] mustName) =>
        new BadInputCase("train", id, ["train", "bpnn", "data.extxyz", "-o", "model", "--epochs", "3", "--hidden", "4",
                                       "--cutoff", "5", "--batch", "4", .. extraArgs], mustName, ["model", ".model.partial"])
            .WithFile("data.extxyz", data);

    private static BadInputCase Fragments(string id, string data, string[] extraArgs, params string[] mustName) =>
        new BadInputCase("train", id, ["train", "fragments", "data.extxyz", "-o", "model.json", "--epochs", "3", "--ensemble", "1",
                                       "--hidden", "4", "--jobs", "1", .. extraArgs], mustName, ["model.json", "model.test.extxyz"])
            .WithFile("data.extxyz", data);

    public static readonly IReadOnlyList<BadInputCase> Cases =
    [
        // A different run than the one the trajectory records: refused, naming the option and the recorded value.
        Md("resume-other-model", TwoFrames, [], ["--model", "md.extxyz", "'model'", "--force-resume"]) with
            { Args = ["md", "in.xyz", "-m", "model/", "--integrator", "langevin", "-n", "20", "--resume", "-o", "md.extxyz", "--log", "md.log"] },
        Md("resume-other-seed", TwoFrames, ["--seed", "2"], ["--seed", "'1'", "'2'"]),
        Md("resume-other-timestep", TwoFrames, ["--timestep", "1.0"], ["--timestep", "'0.5'"]),
        Md("resume-other-integrator", TwoFrames, [], ["--integrator", "langevin-baoab"]) with
            { Args = ["md", "in.xyz", "-m", Model, "--integrator", "bussi", "-n", "20", "--resume", "-o", "md.extxyz", "--log", "md.log"] },
        Md("resume-other-temperature", TwoFrames, ["-T", "350"], ["--temperature", "T=300 K"]),
        Md("resume-other-friction", TwoFrames, ["--friction", "0.1"], ["--friction", "gamma=0.01"]),
        Md("resume-forced-other-seed", TwoFrames, ["--seed", "2", "--force-resume"], ["--force-resume", "md_seed='1'", "'2'"], proceeds: true),
        // A torn tail (as a kill leaves it) is cut off and the run resumes from the last complete frame.
        Md("resume-torn-last-line", Tail(TwoFrames + Frame("15"), 5), [], ["md.extxyz", "torn", "step 10"], proceeds: true),
        Md("resume-torn-missing-atoms", TwoFrames + string.Join('\n', Frame("15").Split('\n').Take(5)) + "\n", [], ["torn", "step 10"], proceeds: true),
        Md("resume-torn-count-line-only", TwoFrames + "6\n", [], ["torn", "step 10"], proceeds: true),
        Md("resume-torn-count-digit", TwoFrames + "6", [], ["torn", "step 10"], proceeds: true),
        Md("resume-torn-first-frame", Tail(Frame("0"), 20), [], ["md.extxyz", "no complete frame", "in.xyz"], proceeds: true),
        Md("resume-empty-trajectory", "", [], ["md.extxyz", "no complete frame"], proceeds: true),
        // Damage a kill cannot cause is reported, not repaired.
        Md("resume-damaged-count-line", Frame("0") + "six\n" + Frame("10")[2..], [], ["md.extxyz", ":9"]),
        Md("resume-frame-without-momenta", Frame("0") + Frame("10", momenta: false), [], ["md.extxyz", "momenta"]),
        Md("resume-fractional-step", Frame("0") + Frame("10.5"), [], ["md.extxyz", "'step'", "10.5"]),
        // The start frame's clock must be a whole step and a finite time.
        MdInput("input-step-array", "step=\"1 2 3\"", "'step'"),
        MdInput("input-step-fraction", "step=12000.5", "'step'", "12000.5"),
        MdInput("input-step-text", "step=abc", "'step'", "abc"),
        MdInput("input-step-negative", "step=-5", "'step'", "-5"),
        MdInput("input-time-text", "step=3 time=soon", "'time'", "soon"),
        Md("negative-steps", TwoFrames, [], ["--steps"]) with
            { Args = ["md", "in.xyz", "-m", Model, "-n", "-5", "-o", "out.extxyz", "--log", "out.log"], Outputs = ["out.extxyz", "out.log"] },
        // A fresh run with a bad option fails before it clears the previous run's trajectory and log.
        Md("bad-option-keeps-old-trajectory", TwoFrames, [], ["every"]) with
            { Args = ["md", "in.xyz", "-m", Model, "-n", "5", "--log-every", "0", "-o", "md.extxyz", "--log", "md.log"] },
        // NaN/Inf labels are refused before training (the structure reader already names file and line); a diverging fit writes nothing.
        Bpnn("bpnn-nan-energy", ToyBpnnData(f => f[2].Info["energy"] = double.NaN), [], "data.extxyz:14", "energy", "NaN"),
        Bpnn("bpnn-inf-energy", ToyBpnnData(f => f[6].Info["energy"] = double.PositiveInfinity), [], "data.extxyz:38", "energy", "Infinity"),
        Bpnn("bpnn-nan-force", ToyBpnnData(f => SpoilForce(f[1], "forces", double.NaN)), [], "data.extxyz:10", "forces", "atom 2"),
        Bpnn("bpnn-inf-force", ToyBpnnData(f => SpoilForce(f[11], "forces", double.NegativeInfinity)), [], "data.extxyz:70", "forces", "atom 2"),
        Bpnn("bpnn-diverges", ToyBpnnData(_ => { }), ["--lr", "1e300", "--patience", "0"], "diverged", "--lr"),
        Fragments("fragments-nan-e-high", W6Fragments(f => f[3].Info["E_high"] = double.NaN), [], "data.extxyz", "frame 4", "'E_high'"),
        Fragments("fragments-inf-delta", W6Fragments(f => f[5].Info["delta"] = double.NegativeInfinity), [], "frame 6", "'delta'"),
        Fragments("fragments-nan-force", W6Fragments(f => SpoilForce(f[0], "forces_high", double.NaN)), [], "frame 1", "'forces_high'"),
        Fragments("fragments-diverges", W6Fragments(_ => { }), ["--optimizer", "adam", "--lr", "1e300"], "diverged", "--lr"),
    ];

    public static TheoryData<string> Ids => BadInputCorpus.Ids(Cases);

    [Theory, MemberData(nameof(Ids))]
    public void Fails_cleanly(string id) => BadInputRunner.Check(BadInputCorpus.Find(Cases, id));
}
