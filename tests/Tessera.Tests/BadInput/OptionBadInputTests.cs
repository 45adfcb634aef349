namespace Tessera.Tests.BadInput;

/// <summary>`tessera md`, `optimize`, `check`, `modes` and `serve` with bad options, models and structures: every
/// one fails before the first force call (or at it, for a structure the model cannot take).</summary>
public class OptionBadInputTests
{
    private static BadInputCase Run(string command, string id, string[] options, string[] outputs, params string[] mustName) =>
        new BadInputCase(command, $"{command}-{id}", [command, "w.xyz", .. options], mustName, outputs).WithFile("w.xyz", BadInputFiles.WaterXyz);

    private static BadInputCase Md(string id, string[] options, params string[] mustName) =>
        Run("md", id, ["-m", "xtb:gfn2", "-n", "2", .. options], ["md.extxyz", "md.log"], mustName);

    private static BadInputCase Optimize(string id, string[] options, params string[] mustName) =>
        Run("optimize", id, ["-m", "xtb:gfn2", .. options], ["optimized.extxyz"], mustName);

    private static BadInputCase Check(string id, string[] options, params string[] mustName) =>
        Run("check", id, ["-m", "xtb:gfn2", "--no-jacobian", "--drift-steps", "2", .. options], [], mustName);

    private static BadInputCase Serve(string id, string[] options, params string[] mustName) =>
        new BadInputCase("serve", $"serve-{id}", ["serve", "-m", "xtb:gfn2", "-s", "w.xyz", .. options], mustName, []).WithFile("w.xyz", BadInputFiles.WaterXyz);

    public static readonly IReadOnlyList<BadInputCase> Cases =
    [
        Md("timestep-negative", ["--timestep", "-1"], "--timestep"),
        Md("timestep-zero", ["--timestep", "0"], "--timestep"),
        Run("md", "steps-negative", ["-m", "xtb:gfn2", "-n", "-5"], ["md.extxyz"], "--steps"),
        Md("temperature-negative", ["--temperature", "-10"], "--temperature"),
        Md("friction-zero", ["--integrator", "langevin", "--friction", "0"], "--friction"),
        Md("tau-negative", ["--integrator", "bussi", "--tau", "-100"], "--tau"),
        Md("integrator-unknown", ["--integrator", "leapfrog"], "leapfrog", "nve"),
        Md("trajectory-every-zero", ["--trajectory-every", "0"], "--trajectory-every"),
        Md("log-every-zero", ["--log-every", "0"], "--log-every"),
        Md("multiplicity-zero", ["--multiplicity", "0"], "--multiplicity"),
        Run("md", "model-unknown", ["-m", "foo", "-n", "2"], ["md.extxyz"], "--model", "foo"),
        Run("md", "model-file-missing", ["-m", "missing.json", "-n", "2"], ["md.extxyz"], "--model", "missing.json", "does not exist"),
        Run("md", "model-folder-missing", ["-m", "models/none", "-n", "2"], ["md.extxyz"], "--model", "models/none"),
        Run("md", "model-engine-option-bad", ["-m", "xtb:gfn2;acc=abc", "-n", "2"], ["md.extxyz"], "--model", "acc"),
        new BadInputCase("md", "md-input-missing", ["md", "missing.xyz", "-m", "xtb:gfn2", "-n", "2"], ["missing.xyz"], ["md.extxyz"]),
        new BadInputCase("md", "md-odd-electrons", ["md", "oh.xyz", "-m", "xtb:gfn2", "-n", "2"], ["9 electrons", "--charge"], ["md.extxyz"])
            .WithFile("oh.xyz", BadInputFiles.HydroxylXyz),
        Optimize("fmax-negative", ["--fmax", "-1"], "--fmax"),
        Optimize("max-step-zero", ["--max-step", "0"], "--max-step"),
        Optimize("max-steps-negative", ["--max-steps", "-1"], "--max-steps"),
        Optimize("optimizer-unknown", ["--optimizer", "bfgs"], "bfgs", "lbfgs"),
        Optimize("output-format-unknown", ["-o", "opt.pdb"], "--output", "opt.pdb"),
        Optimize("output-folder-missing", ["-o", "nodir/opt.extxyz"], "nodir", "does not exist"),
        Check("fd-step-zero", ["--fd-step", "0"], "--fd-step"),
        Check("jacobian-step-negative", ["--jacobian-step", "-0.01"], "--jacobian-step"),
        Check("drift-steps-negative", ["--drift-steps", "-1"], "--drift-steps"),
        Check("timestep-zero", ["--timestep", "0"], "--timestep"),
        Run("modes", "step-negative", ["-m", "xtb:gfn2", "--step", "-0.01"], [], "--step"),
        Run("modes", "model-missing", [], [], "--model"),
        new BadInputCase("convert", "convert-multiplicity-zero", ["convert", "w.xyz", "w.extxyz", "--multiplicity", "0"], ["--multiplicity"], ["w.extxyz"])
            .WithFile("w.xyz", BadInputFiles.WaterXyz),
        Serve("port-too-big", ["--port", "99999"], "--port", "65535"),
        Serve("port-zero", ["--port", "0"], "--port"),
        Serve("port-not-a-number", ["--port", "http"], "--port", "http"),
        Serve("timeout-negative", ["--port", "31415", "--timeout", "-1"], "--timeout"),
        Serve("connect-timeout-negative", ["--port", "31415", "--connect-timeout", "-1"], "--connect-timeout"),
        Serve("no-socket", [], "--unix", "--port"),
        Serve("both-sockets", ["--unix", "tessera-test", "--port", "31415"], "--unix", "--port"),
        Serve("host-unknown", ["--port", "31415", "--host", "no-such-host.invalid", "--connect-timeout", "1"], "no-such-host.invalid"),
        new BadInputCase("serve", "serve-structure-missing", ["serve", "-m", "xtb:gfn2", "-s", "missing.xyz", "--port", "31415"], ["missing.xyz"], []),
    ];

    public static TheoryData<string> Ids => BadInputCorpus.Ids(Cases);

    [Theory, MemberData(nameof(Ids))]
    public void Fails_cleanly(string id) => BadInputRunner.Check(BadInputCorpus.Find(Cases, id));
}
