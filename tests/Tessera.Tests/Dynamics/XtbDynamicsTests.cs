using System.Diagnostics;
using System.Globalization;
using Tessera.Core;
using Tessera.Dynamics;
using Tessera.Engines;
using Xunit.Abstractions;

namespace Tessera.Tests.Dynamics;

/// <summary>Dynamics with the real GFN2-xTB engine: water frequencies against xtb's own --hess, and NVE energy
/// conservation of a water dimer (benchmark MD1 in miniature).</summary>
[Trait("Category", "Engines")]
public class XtbDynamicsTests(ITestOutputHelper output)
{
    [Fact]
    public void WaterFrequenciesMatchXtbsOwnHessian()
    {
        var xtb = EngineFactory.Create("xtb:gfn2");
        var opt = Optimization.Run(TestStructures.WaterMonomer(), xtb, new Lbfgs(), OptimizationSettings.Create(fmax: 1e-3, maxSteps: 200));
        Assert.True(opt.Converged, $"optimisation: fmax {opt.Fmax} after {opt.Steps} steps");
        var ours = NormalModes.Compute(xtb, opt.Structure, step: 0.005).FrequenciesCm;
        var reference = XtbHessFrequencies(opt.Structure);
        output.WriteLine($"Tessera {string.Join(", ", ours.Select(f => f.ToString("F2", CultureInfo.InvariantCulture)))} cm^-1; " +
                         $"xtb --hess {string.Join(", ", reference.Select(f => f.ToString("F2", CultureInfo.InvariantCulture)))} cm^-1");
        Assert.Equal(3, ours.Length);
        Assert.Equal(3, reference.Length);
        for (int i = 0; i < 3; i++) Assert.Equal(reference[i], ours[i], 5.0);
    }

    /// <summary>Runs `xtb water.xyz --hess` in a scratch folder and reads the non-zero modes of its vibspectrum file.</summary>
    private static double[] XtbHessFrequencies(Structure s)
    {
        var dir = Directory.CreateTempSubdirectory("tessera-xtb-hess").FullName;
        try
        {
            var lines = s.Positions.Select((r, i) => string.Create(CultureInfo.InvariantCulture,
                $"{Element.FromNumber(s.Numbers[i]).Symbol} {r.X:R} {r.Y:R} {r.Z:R}"));
            File.WriteAllText(Path.Combine(dir, "water.xyz"), $"{s.Count}\n\n{string.Join("\n", lines)}\n");
            var psi = new ProcessStartInfo("xtb", "water.xyz --hess") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.Environment["OMP_NUM_THREADS"] = "1";
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(60_000), "xtb --hess did not finish");
            Assert.True(p.ExitCode == 0, stderr.Result);
            return ParseVibSpectrum(File.ReadAllLines(Path.Combine(dir, "vibspectrum"))).Where(f => Math.Abs(f) > 1).ToArray();
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Wave numbers from xtb's Turbomole-style vibspectrum: "mode [symmetry] wavenumber intensity ...".</summary>
    internal static double[] ParseVibSpectrum(IEnumerable<string> lines) =>
        lines.Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('$'))
             .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                           .Where(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                           .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray())
             .Where(numbers => numbers.Length >= 3)
             .Select(numbers => numbers[1]).ToArray();

    [Fact]
    public void VibSpectrumParserReadsModesWithAndWithoutSymmetry()
    {
        string[] file =
        [
            "$vibrational spectrum", "#  mode     symmetry     wave number   IR intensity    selection rules",
            "     1                      -0.00         0.00000        -       - ",
            "     7        a           1558.92       133.04902       YES     YES", "$end",
        ];
        Assert.Equal([-0.0, 1558.92], ParseVibSpectrum(file));
    }

    [Fact]
    public void Gfn2WaterDimerNveConservesEnergy()
    {
        var xtb = EngineFactory.Create("xtb:gfn2");
        var clock = Stopwatch.StartNew();
        var drift = ConservationCheck.Nve(xtb, TestStructures.WaterDimer(), 0.5, 200, 300, new Random(1));
        output.WriteLine($"GFN2-xTB water dimer, 200 steps of 0.5 fs: drift {drift.SlopeMeVPerAtomPerPs:F3} meV/atom/ps, " +
                         $"RMS about fit {drift.RmsAboutFitMeVPerAtom:F4} meV/atom, std {drift.StdMeVPerAtom:F4} meV/atom, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(Math.Abs(drift.SlopeMeVPerAtomPerPs) < 1, $"drift {drift.SlopeMeVPerAtomPerPs} meV/atom/ps");
        Assert.True(drift.RmsAboutFitMeVPerAtom < 0.1, $"fluctuation {drift.RmsAboutFitMeVPerAtom} meV/atom");
    }
}
