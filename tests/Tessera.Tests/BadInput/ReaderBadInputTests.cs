using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Tessera.Tests.BadInput;

/// <summary>Malformed structure files through the commands that read them (convert, predict with the shared
/// n2p2 water potential, pool, fragment), generated as each malformation class x each format (xyz, extxyz, n2p2
/// input.data) x plain or .gz, plus damage to the gzip container itself. Every case must fail naming the file
/// (and line) and write nothing under the output name.</summary>
public class ReaderBadInputTests
{
    /// <summary>A water dimer that every format can hold, with the pieces a malformation changes.</summary>
    private sealed record Frame
    {
        public List<string[]> Atoms { get; init; } = [.. BadInputCorpus.WaterDimerXyz.Split('\n').Skip(2).Where(l => l.Length > 0).Select(l => l.Split(' '))];
        public string? Count { get; init; }
        public string? Energy { get; init; }
        public string[]? Cell { get; init; }
        public string? Pbc { get; init; }
        public bool Forces { get; init; }
        public string? BadForce { get; init; }
        public bool DropEnd { get; init; }

        public Frame WithAtom(int i, int field, string value)
        {
            var atoms = Atoms.Select(a => (string[])a.Clone()).ToList();
            if (field < 0) atoms[i] = atoms[i][..^(-field)]; else atoms[i][field] = value;
            return this with { Atoms = atoms };
        }
    }

    private const string Xyz = "xyz", ExtXyz = "extxyz", N2p2 = "n2p2";
    private static readonly string[] FormatNames = [Xyz, ExtXyz, N2p2];

    private static string FileName(string format) => format switch { Xyz => "in.xyz", ExtXyz => "in.extxyz", _ => "input.data" };

    /// <summary>The first line of atom i (0-based) in each format's layout.</summary>
    private static int AtomLine(string format, Frame f, int i) => format == N2p2 ? 3 + (f.Cell is null ? 0 : 3) + i : 3 + i;

    private static string Render(string format, Frame f)
    {
        var sb = new StringBuilder();
        if (format == N2p2)
        {
            sb.Append("begin\ncomment water dimer\n");
            if (f.Cell is { } c) for (int k = 0; k < 3; k++) sb.Append($"lattice {c[3 * k]} {c[3 * k + 1]} {c[3 * k + 2]}\n");
            for (int i = 0; i < f.Atoms.Count; i++)
            {
                var a = f.Atoms[i];
                string Bohr(string x) => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                    ? (v / 0.529177210903).ToString("R", CultureInfo.InvariantCulture) : x;
                string pos = a.Length >= 4 ? $"{Bohr(a[1])} {Bohr(a[2])} {Bohr(a[3])}" : string.Join(' ', a[1..].Select(Bohr));
                sb.Append($"atom {pos} {a[0]} 0.0 0.0 0.0 0.0 {(i == 2 && f.BadForce is { } bf ? bf : "0.0")}\n");
            }
            if (f.Energy is { } e) sb.Append($"energy {e}\n");
            sb.Append("charge 0.0\n");
            if (!f.DropEnd) sb.Append("end\n");
            return sb.ToString();
        }
        sb.Append(f.Count ?? f.Atoms.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (format == Xyz) sb.Append("water dimer\n");
        else
        {
            if (f.Cell is { } c) sb.Append($"Lattice=\"{string.Join(' ', c)}\" ");
            sb.Append("Properties=species:S:1:pos:R:3").Append(f.Forces || f.BadForce is not null ? ":forces:R:3" : "");
            if (f.Energy is { } e) sb.Append($" energy={e}");
            if (f.Pbc is { } p) sb.Append($" pbc=\"{p}\"");
            sb.Append('\n');
        }
        for (int i = 0; i < f.Atoms.Count; i++)
        {
            sb.Append(string.Join(' ', f.Atoms[i]));
            if (format == ExtXyz && (f.Forces || f.BadForce is not null)) sb.Append(i == 2 && f.BadForce is { } bf ? $" 0.0 0.0 {bf}" : " 0.0 0.0 0.0");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>One malformation class: the damaged frame per format (null: the format cannot hold it), the line
    /// the error must name (0: none) and a phrase it must contain.</summary>
    private sealed record Malformation(string Id, Func<string, Frame?> Make, Func<string, Frame, int> Line, Func<string, string> Phrase);

    private static readonly Frame Dimer = new();

    private static readonly Malformation[] Classes =
    [
        new("truncated-frame", f => f == N2p2 ? Dimer with { DropEnd = true } : Dimer with { Count = "7" },
            (f, fr) => f == N2p2 ? AtomLine(f, fr, 6) + 1 : AtomLine(f, fr, 6), f => f == N2p2 ? "missing 'end'" : "truncated frame"),
        new("coordinate-not-a-number", _ => Dimer.WithAtom(1, 2, "abc"), (f, fr) => AtomLine(f, fr, 1), _ => "'abc'"),
        new("nan-coordinate", _ => Dimer.WithAtom(1, 3, "nan"), (f, fr) => AtomLine(f, fr, 1), f => f == N2p2 ? "not a finite number" : "non-finite coordinate"),
        new("infinite-coordinate", _ => Dimer.WithAtom(3, 1, "-inf"), (f, fr) => AtomLine(f, fr, 3), f => f == N2p2 ? "not a finite number" : "non-finite coordinate"),
        new("coincident-atoms", _ => Dimer.WithAtom(5, 1, "0.757").WithAtom(5, 2, "-0.200").WithAtom(5, 3, "3.400"), (f, fr) => AtomLine(f, fr, 5), _ => "atoms 5 (H)"),
        new("coincident-through-cell-boundary", f => f == Xyz ? null
                : Dimer.WithAtom(5, 1, "20.757").WithAtom(5, 2, "-0.200").WithAtom(5, 3, "3.400") with { Cell = f == N2p2 ? Cubic(20 / 0.529177210903) : Cubic(20) },
            (f, fr) => AtomLine(f, fr, 5), _ => "periodic cell boundary"),
        new("huge-atom-count", f => f == N2p2 ? null : Dimer with { Count = "2000000000" }, (f, fr) => AtomLine(f, fr, 6), _ => "expected 2000000000 atom lines"),
        new("unknown-element", _ => Dimer.WithAtom(0, 0, "Qq"), (f, fr) => AtomLine(f, fr, 0), _ => "'Qq'"),
        new("too-few-fields", _ => Dimer.WithAtom(2, -1, ""), (f, fr) => AtomLine(f, fr, 2), _ => "fields"),
        new("nan-energy", f => f == Xyz ? null : Dimer with { Energy = "nan" }, (f, fr) => f == N2p2 ? AtomLine(f, fr, 6) : 2, _ => "energy"),
        new("nan-force", f => f == Xyz ? null : Dimer with { BadForce = "nan" }, (f, fr) => AtomLine(f, fr, 2), f => f == N2p2 ? "not a finite number" : "forces of atom 3"),
        new("singular-cell", f => f == Xyz ? null : Dimer with { Cell = ["9", "0", "0", "18", "0", "0", "0", "0", "9"] },
            (f, fr) => f == N2p2 ? 3 : 2, _ => "singular"),
        new("nan-cell", f => f == ExtXyz ? Dimer with { Cell = ["9", "0", "0", "0", "nan", "0", "0", "0", "9"] } : f == N2p2 ? Dimer with { Cell = ["9", "0", "0", "0", "nan", "0", "0", "0", "9"] } : null,
            (f, fr) => f == N2p2 ? 4 : 2, f => f == N2p2 ? "not a finite number" : "non-finite"),
        new("pbc-without-cell", f => f == ExtXyz ? Dimer with { Pbc = "T T T" } : null, (_, _) => 2, _ => "no Lattice"),
    ];

    private static string[] Cubic(double a)
    {
        string x = a.ToString("R", CultureInfo.InvariantCulture);
        return [x, "0", "0", "0", x, "0", "0", "0", x];
    }

    private static byte[] Gzip(string text)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal)) gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }

    /// <summary>Damage to the gzip container of a valid file: the bytes and a phrase the error must contain.</summary>
    private static readonly (string Id, Func<byte[], byte[]> Damage, string Phrase, bool WholeFrameSurvives)[] GzipDamages =
    [
        ("gz-trailer-cut", b => b[..^4], "truncated", true),
        ("gz-data-cut", b => b[..^14], "truncated", false),
        ("gz-bad-crc", b => { var c = (byte[])b.Clone(); c[^8] ^= 0x10; return c; }, "corrupted", false),
        ("gz-not-gzip", _ => Encoding.UTF8.GetBytes(BadInputCorpus.WaterDimerXyz), "not gzip-compressed", false),
        ("gz-empty", _ => [], "not gzip-compressed", false),
    ];

    /// <summary>The command line reading <paramref name="input"/>, and the outputs it must not leave.</summary>
    private static (string[] Args, string[] Outputs) Command(string command, string input) => command switch
    {
        "convert" => (["convert", input, "out.extxyz"], ["out.extxyz"]),
        "predict" => (["predict", "--model", "model", input, "-o", "out.extxyz"], ["out.extxyz"]),
        "pool" => (["pool", input, "--cutoff", "4.5", "-o", "pool.extxyz.gz"], ["pool.extxyz.gz"]),
        _ => (["fragment", input], []),
    };

    private static BadInputCase Case(string command, string id, string input, byte[] bytes, string[] mustName)
    {
        var (args, outputs) = Command(command, input);
        var c = new BadInputCase(command, $"{command}-{id}", args, mustName, outputs).WithFile(input, bytes);
        if (command == "predict")
            foreach (var (name, text) in N2p2ModelDamages.Intact) c = c.WithFile($"model/{name}", text);
        return c;
    }

    /// <summary>Which (plain, gz) variants each command runs: convert both, predict and pool plain, fragment gz
    /// (it reads only the frame it needs, so a .gz must fail on that frame).</summary>
    private static readonly (string Command, bool Plain, bool Gz)[] Commands =
        [("convert", true, true), ("predict", true, false), ("pool", true, false), ("fragment", false, true)];

    private static IEnumerable<BadInputCase> Generate()
    {
        foreach (var (command, plain, gz) in Commands)
            foreach (var format in FormatNames)
            {
                foreach (var m in Classes)
                {
                    if (m.Make(format) is not { } frame) continue;
                    string text = Render(format, frame);
                    int line = m.Line(format, frame);
                    foreach (bool zipped in new[] { false, true })
                    {
                        if (zipped ? !gz : !plain) continue;
                        string input = FileName(format) + (zipped ? ".gz" : "");
                        yield return Case(command, $"{format}{(zipped ? "-gz" : "")}-{m.Id}", input, zipped ? Gzip(text) : Encoding.UTF8.GetBytes(text),
                                          [line > 0 ? $"{input}:{line}:" : input, m.Phrase(format)]);
                    }
                }
                foreach (var (id, damage, phrase, frameSurvives) in GzipDamages)
                {
                    if (command == "fragment" && frameSurvives) continue; // the frame it reads is whole and correct
                    string input = FileName(format) + ".gz";
                    yield return Case(command, $"{format}-{id}", input, damage(Gzip(Render(format, Dimer))), [input, phrase]);
                }
            }
    }

    /// <summary>Reader-side options and degenerate inputs outside the generated grid.</summary>
    private static readonly BadInputCase[] Extras =
    [
        new BadInputCase("train", "train-bpnn-hidden-not-a-number", ["train", "bpnn", "in.extxyz", "-o", "model", "--hidden", "25,x"], ["--hidden", "'x'"], ["model"])
            .WithFile("in.extxyz", Render(ExtXyz, Dimer with { Energy = "-1.0", Forces = true })),
        new BadInputCase("fragment", "fragment-frame-beyond-the-file", ["fragment", "in.xyz", "--frame", "3"], ["in.xyz", "frame 3"], [])
            .WithFile("in.xyz", BadInputCorpus.WaterDimerXyz),
        Case("predict", "empty-input", "in.xyz", [], ["in.xyz", "no frames"]),
        // Streamed: two frames are evaluated and written before the third fails; still no output.
        Case("predict", "bad-third-frame", "in.xyz", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(BadInputCorpus.WaterDimerXyz, 2))
                 + BadInputCorpus.WaterDimerXyz.Replace("2.900", "2.9x0")), ["in.xyz:22:"]),
        Selection("dataset-selection-gz-cut", b => b[..^8], "truncated"),
        Selection("dataset-selection-gz-bad-crc", b => { var c = (byte[])b.Clone(); c[^7] ^= 0x20; return c; }, "corrupted"),
        Selection("dataset-selection-not-gzip", _ => Encoding.UTF8.GetBytes("{\"format_version\": 1}"), "not gzip-compressed"),
        Case("convert", "binary-file-as-xyz", "in.xyz", Binary(), ["in.xyz:1:"]),
        Case("convert", "binary-file-as-extxyz", "in.extxyz", Binary(), ["in.extxyz:1:"]),
        Case("convert", "binary-file-as-n2p2", "input.data", Binary(), ["input.data:1:"]),
        Case("convert", "runaway-first-line", "in.xyz", Encoding.UTF8.GetBytes(new string('7', 200_000) + "x\n"), ["in.xyz:1:", "atom count"]),
    ];

    /// <summary>`dataset` with the shipped W6 pool and a damaged copy of its selection (a .json.gz read through
    /// the same checked gzip reader as structures).</summary>
    private static BadInputCase Selection(string id, Func<byte[], byte[]> damage, string phrase) =>
        new BadInputCase("dataset", id, ["dataset", "pool.extxyz.gz", "--selection", "sel.json.gz", "-o", "ds.extxyz.gz"], ["sel.json.gz", phrase], ["ds.extxyz.gz"])
            .WithRepoFile("pool.extxyz.gz", "data/w6/w6-pool.extxyz.gz")
            .WithFile("sel.json.gz", damage(File.ReadAllBytes(BadInputRunner.RepoPath("data/w6/w6-selection.json.gz"))));

    /// <summary>Random bytes without line breaks, as a binary file given by mistake.</summary>
    private static byte[] Binary()
    {
        var b = new byte[4096];
        new Random(11).NextBytes(b);
        return [.. b.Select(x => x is (byte)'\n' or (byte)'\r' ? (byte)0 : x)];
    }

    public static readonly IReadOnlyList<BadInputCase> Cases = [.. Generate(), .. Extras];

    public static TheoryData<string> Ids => BadInputCorpus.Ids(Cases);

    [Theory, MemberData(nameof(Ids))]
    public void Fails_cleanly(string id) => BadInputRunner.Check(BadInputCorpus.Find(Cases, id));

    [Fact]
    public void The_intact_dimer_reads_in_every_format_and_command()
    {
        foreach (var (command, plain, gz) in Commands)
            foreach (var format in FormatNames)
            {
                string input = FileName(format) + (plain ? "" : ".gz");
                string text = Render(format, Dimer with { Energy = format == Xyz ? null : "-1.0", Forces = format == ExtXyz });
                var c = Case(command, "intact", input, plain ? Encoding.UTF8.GetBytes(text) : Gzip(text), []);
                string folder = Data.Temp.Folder();
                try
                {
                    foreach (var (name, bytes) in c.Files)
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, name))!);
                        File.WriteAllBytes(Path.Combine(folder, name), bytes);
                    }
                    var o = CliProcess.Run(folder, c.Args);
                    Assert.True(o.ExitCode == 0, $"{command} {input}: exit {o.ExitCode}\n{o.Stderr}\n{o.Stdout}");
                }
                finally { Directory.Delete(folder, true); }
            }
    }
}
