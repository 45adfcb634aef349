using System.Globalization;
using System.Text;

namespace Tessera.Bench;

/// <summary>Tessera's <c>predict</c> against n2p2's <c>nnp-predict</c>, side by side on n2p2's three example
/// potentials, as whole processes pinned to 1 and to 2 cores, runs alternating, medians. n2p2 is never built
/// here: N2P2_BIN names a folder holding an nnp-predict (built with -fopenmp for the 2-core figures); TESSERA_BIN
/// the Tessera CLI (Tessera.Cli.dll or an executable; default the copy scripts/setup.sh publishes).
/// Per structure: Tessera (t(21 copies of the frame) - t(1)) / 20; n2p2 (nnp-predict reads one frame only)
/// t(frame) - t(the same potential on isolated atoms), i.e. the run less its set-up and file reading.</summary>
public sealed class N2p2SideBySideBenchmark : IBenchmark
{
    public string Name => "n2p2";
    public string Description => "Tessera predict vs n2p2 nnp-predict (N2P2_BIN), per structure and whole process, 1 and 2 cores";

    private static readonly string[] Potentials = ["H2O_RPBE-D3", "Cu2S_PBE", "Anisole_SCAN"];

    public void Run()
    {
        string nnp = Path.Combine(Environment.GetEnvironmentVariable("N2P2_BIN")
            ?? throw new InvalidOperationException("Set N2P2_BIN to a folder with n2p2's nnp-predict (built outside this repository)."), "nnp-predict");
        if (!File.Exists(nnp)) throw new FileNotFoundException($"No nnp-predict in N2P2_BIN: {nnp}");
        var (tessera, prefix) = TesseraCommand();
        int repeats = int.TryParse(Environment.GetEnvironmentVariable("BENCH_REPEATS"), out int r) ? r : 5;
        string root = Directory.CreateTempSubdirectory("tessera-n2p2-").FullName;
        Console.WriteLine($"n2p2: {nnp}; Tessera: {tessera} {string.Join(' ', prefix)}; {repeats} alternating runs per cell; " +
                          $"load average {BenchEnvironment.LoadAverage()}");
        Console.WriteLine("Wall time decides the speed; CPU time (user + system, all threads) moves less with the load of other jobs.");
        Console.WriteLine("| potential | cores | per structure wall, Tessera / n2p2 (ms) | speed vs n2p2 | per structure CPU (ms) | ratio | " +
                          "whole process wall (s) | speed vs n2p2 | whole process CPU (s) | ratio | abs(dE/E) | load |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        try
        {
            foreach (var name in Potentials)
            {
                var dirs = Prepare(root, name);
                foreach (int cores in new[] { 1, 2 }) Cell(name, dirs, cores, repeats, nnp, tessera, prefix);
            }
        }
        finally { Directory.Delete(root, recursive: true); }
        Console.WriteLine($"load average at the end: {BenchEnvironment.LoadAverage()}");
    }

    private sealed record Folders(string Potential, string Frame, string Isolated, string Tessera);

    private static void Cell(string name, Folders d, int cores, int repeats, string nnp, string tessera, string[] prefix)
    {
        var t = new Dictionary<string, List<TimedProcess.Times>> { ["n2p2"] = [], ["n2p2-isolated"] = [], ["tessera-1"] = [], ["tessera-21"] = [] };
        string[] Predict(string input) => [.. prefix, "predict", "-m", d.Potential, input, "-o", Path.ChangeExtension(input, ".extxyz")];
        // One warm-up of each (file cache, the runtime's own files), then alternate so load changes hit both alike.
        for (int rep = -1; rep < repeats; rep++)
        {
            var run = new (string Key, Func<TimedProcess.Times> Work)[]
            {
                ("n2p2", () => TimedProcess.Run(d.Frame, cores, nnp, "0")),
                ("tessera-1", () => TimedProcess.Run(d.Tessera, cores, tessera, Predict("frame1.data"))),
                ("n2p2-isolated", () => TimedProcess.Run(d.Isolated, cores, nnp, "0")),
                ("tessera-21", () => TimedProcess.Run(d.Tessera, cores, tessera, Predict("frame21.data"))),
            };
            foreach (var (key, work) in run)
            {
                var times = work();
                if (rep >= 0) t[key].Add(times);
            }
        }
        // Per structure (ms) and whole process (s), Tessera / n2p2, each with n2p2's time over Tessera's.
        string[] Figures(Func<TimedProcess.Times, double> of)
        {
            double M(string key) => TimedProcess.Median(t[key].Select(of).ToList());
            double n2p2Whole = M("n2p2"), tesseraWhole = M("tessera-1");
            double n2p2Per = n2p2Whole - M("n2p2-isolated"), tesseraPer = (M("tessera-21") - tesseraWhole) / 20;
            return [$"{tesseraPer * 1e3:F0} / {n2p2Per * 1e3:F0}", $"{n2p2Per / tesseraPer:F2}x",
                    $"{tesseraWhole:F2} / {n2p2Whole:F2}", $"{n2p2Whole / tesseraWhole:F2}x"];
        }
        var wall = Figures(x => x.Wall);
        var cpu = Figures(x => x.Cpu);
        // Both in the potential's own energy unit (eV for Cu2S_PBE, Hartree for the others; predict reads the data in the model's units).
        double unit = Tessera.Potentials.BehlerParrinello.N2p2Potential.ReadUnits(d.Potential).Units.Energy;
        double dE = Math.Abs(TesseraEnergy(Path.Combine(d.Tessera, "frame1.extxyz"), unit) / N2p2Energy(d.Frame) - 1);
        Console.WriteLine($"| {name} | {cores} | {wall[0]} | {wall[1]} | {cpu[0]} | {cpu[1]} | {wall[2]} | {wall[3]} | {cpu[2]} | {cpu[3]} | " +
                          $"{dE:E1} | {BenchEnvironment.LoadAverage()} |");
    }

    /// <summary>Run folders: n2p2's files with the frame, the same with isolated atoms, and Tessera's inputs.</summary>
    private static Folders Prepare(string root, string name)
    {
        string source = BenchEnvironment.SharedPath("n2p2", name);
        var d = new Folders(source, Path.Combine(root, name, "frame"), Path.Combine(root, name, "isolated"), Path.Combine(root, name, "tessera"));
        foreach (var dir in new[] { d.Frame, d.Isolated, d.Tessera }) Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(d.Frame, Path.GetFileName(file)));
            if (Path.GetFileName(file) != "input.data") File.Copy(file, Path.Combine(d.Isolated, Path.GetFileName(file)));
        }
        string frame = FirstFrame(File.ReadAllText(Path.Combine(source, "input.data")));
        File.WriteAllText(Path.Combine(d.Frame, "input.data"), frame);
        File.WriteAllText(Path.Combine(d.Isolated, "input.data"), IsolatedAtoms(Path.Combine(source, "input.nn")));
        File.WriteAllText(Path.Combine(d.Tessera, "frame1.data"), frame);
        File.WriteAllText(Path.Combine(d.Tessera, "frame21.data"), string.Concat(Enumerable.Repeat(frame, 21)));
        return d;
    }

    private static string FirstFrame(string text)
    {
        int end = text.IndexOf("\nend", StringComparison.Ordinal);
        return text[..(end + 4)] + "\n";
    }

    /// <summary>One atom of each element of input.nn, 100 length units apart, not periodic: nothing to compute.</summary>
    private static string IsolatedAtoms(string inputNn)
    {
        var elements = File.ReadLines(inputNn).Select(l => l.Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .First(w => w.Length > 1 && w[0] == "elements").Skip(1).ToArray();
        var b = new StringBuilder("begin\ncomment isolated atoms\n");
        for (int i = 0; i < elements.Length; i++)
            b.Append(CultureInfo.InvariantCulture, $"atom {100.0 * i:F1} 0.0 0.0 {elements[i]} 0.0 0.0 0.0 0.0 0.0\n");
        return b.Append("energy 0.0\ncharge 0.0\nend\n").ToString();
    }

    /// <summary>n2p2's energy of the frame, in the potential's units.</summary>
    private static double N2p2Energy(string dir) =>
        double.Parse(File.ReadLines(Path.Combine(dir, "energy.out")).First(l => l.Length > 0 && l[0] != '#')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], CultureInfo.InvariantCulture);

    /// <summary>The energy predict wrote (eV), in units of <paramref name="unit"/> eV.</summary>
    private static double TesseraEnergy(string extxyz, double unit)
    {
        string comment = File.ReadLines(extxyz).Skip(1).First();
        int at = comment.IndexOf(" energy=", StringComparison.Ordinal) + 8;
        string value = comment[at..].Split(' ')[0];
        return double.Parse(value, CultureInfo.InvariantCulture) / unit;
    }

    /// <summary>TESSERA_BIN, or the CLI that scripts/setup.sh publishes into the repository.</summary>
    internal static (string Program, string[] Prefix) TesseraCommand()
    {
        // setup.sh publishes the native program (NativeAOT), or with TESSERA_PUBLISH=readytorun the assembly.
        string native = BenchEnvironment.RepositoryPath(".tessera", "bin", "Tessera.Cli");
        string cli = Environment.GetEnvironmentVariable("TESSERA_BIN")
                     ?? (File.Exists(native) ? native : BenchEnvironment.RepositoryPath(".tessera", "bin", "Tessera.Cli.dll"));
        if (!File.Exists(cli)) throw new FileNotFoundException($"No Tessera CLI at {cli}: run bash scripts/setup.sh or set TESSERA_BIN.");
        return cli.EndsWith(".dll", StringComparison.Ordinal) ? ("dotnet", [cli]) : (cli, []);
    }
}
