using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Tessera.Core;
using Xunit.Abstractions;
using Tessera.Engines;
using Tessera.Potentials;

namespace Tessera.Tests.Engines;

/// <summary>The real xtb program (6.5.1): energies against a direct run, forces against finite differences,
/// cache and failures.</summary>
[Trait("Category", "Engines")]
public class XtbEngineTests(ITestOutputHelper output)
{
    [Fact]
    public void Gfn2DimerEnergyEqualsADirectRun()
    {
        var s = TestStructures.WaterDimer();
        double engine = new XtbEngine(XtbSettings.Create("gfn2")).Compute(s, Needs.Energy).Energy / Units.Hartree;

        // Independent of the engine: hand-written xyz, xtb started here, the printed total energy read by a regex.
        var dir = Directory.CreateTempSubdirectory("tessera-direct-xtb").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "w.xyz"), "6\n\n" + string.Join("\n", s.Positions.Select((r, i) =>
                $"{(s.Numbers[i] == 8 ? "O" : "H")} {r.X.ToString(CultureInfo.InvariantCulture)} {r.Y.ToString(CultureInfo.InvariantCulture)} {r.Z.ToString(CultureInfo.InvariantCulture)}")) + "\n");
            var psi = new ProcessStartInfo("xtb", "w.xyz --gfn 2") { WorkingDirectory = dir , RedirectStandardOutput = true };
            psi.Environment["OMP_NUM_THREADS"] = "1";
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            var m = Regex.Match(stdout, @"TOTAL ENERGY\s+(-?\d+\.\d+)\s+Eh");
            Assert.True(m.Success, "direct xtb run printed no total energy");
            double direct = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Equal(direct, engine, 1e-8);
        }
        finally { Directory.Delete(dir, true); }
    }

    // Measured: worst |analytic - numeric| about 1e-5 eV/A with step 1e-3 A at xtb's default accuracy
    // (SCF noise / step dominates); 1e-4 eV/A leaves a margin and still catches a unit or sign error (forces ~1 eV/A).
    [Theory]
    [InlineData("gfn2")]
    [InlineData("gfn1")]
    public void DimerForcesPassFiniteDifferences(string method)
    {
        var engine = new XtbEngine(XtbSettings.Create(method));
        var s = EngineFixtures.DistortedDimer();
        var check = ForceCheck.Run(engine, s, step: 1e-3);
        Assert.True(check.MaxForce > 0.1, $"forces too small to test: {check.MaxForce}");
        output.WriteLine($"{method}: max |F - FD| {check.MaxAbsError:E2} eV/A, rms {check.RmsError:E2}, max |F| {check.MaxForce:F3}");
        Assert.True(check.MaxAbsError < 1e-4, $"{method}: max error {check.MaxAbsError:E3} eV/A (atom {check.WorstAtom}, component {check.WorstComponent})");
    }

    [Fact]
    public void OpenShellAndChargedForcesPassFiniteDifferences()
    {
        var engine = new XtbEngine(XtbSettings.Create("gfn2"));
        foreach (var s in new[] { EngineFixtures.HydroxylRadical(), EngineFixtures.Hydronium() })
        {
            var check = ForceCheck.Run(engine, s, step: 1e-3);
            output.WriteLine($"{s.Formula} q={s.Charge} m={s.Multiplicity}: max |F - FD| {check.MaxAbsError:E2} eV/A, max |F| {check.MaxForce:F3}");
            Assert.True(check.MaxAbsError < 1e-4, $"{s.Formula} charge {s.Charge} mult {s.Multiplicity}: max error {check.MaxAbsError:E3} eV/A");
        }
        // Charge and spin reach xtb: a radical and a cation differ from the neutral closed-shell reading.
        var radical = engine.Compute(EngineFixtures.HydroxylRadical(), Needs.Energy).Energy;
        var anion = EngineFixtures.HydroxylRadical(); anion.Charge = -1; anion.Multiplicity = 1;
        Assert.True(Math.Abs(radical - engine.Compute(anion, Needs.Energy).Energy) > 0.1);
    }

    [Fact]
    public void VersionIsDetected() => Assert.Equal("6.5.1", new XtbEngine(XtbSettings.Create()).Version);

    [Fact]
    public void CacheAvoidsASecondRunAndMissesOnChargeMethodAndGeometry()
    {
        var path = EngineFixtures.TempCachePath();
        try
        {
            var engine = new XtbEngine(XtbSettings.Create("gfn2"));
            var cached = new CachedPotential(engine, new ResultCache(path));
            var s = TestStructures.WaterDimer();
            var first = cached.Compute(s);
            long starts = engine.ProcessStarts;
            var second = cached.Compute(s);
            Assert.Equal(starts, engine.ProcessStarts);
            Assert.Equal(first.Energy, second.Energy);
            Assert.Equal(first.Forces, second.Forces);

            var cation = s.Clone(); cation.Charge = 1; cation.Multiplicity = 2;
            cached.Compute(cation, Needs.Energy);
            Assert.Equal(starts + 1, engine.ProcessStarts);
            var moved = s.Clone(); moved.Positions[0] += new Vec3(0.01, 0, 0);
            cached.Compute(moved, Needs.Energy);
            Assert.Equal(starts + 2, engine.ProcessStarts);
            var gfn1 = new XtbEngine(XtbSettings.Create("gfn1"));
            var other = new CachedPotential(gfn1, new ResultCache(path)).Compute(s, Needs.Energy);
            Assert.NotEqual(first.Energy, other.Energy);
            Assert.Equal(2, gfn1.ProcessStarts); // version + the run
        }
        finally { EngineFixtures.DeleteCache(path); }
    }

    [Fact]
    public void TwoCachedEnginesWriteOneFileInParallel()
    {
        var path = EngineFixtures.TempCachePath();
        try
        {
            var a = new CachedPotential(new XtbEngine(XtbSettings.Create()), new ResultCache(path));
            var b = new CachedPotential(new XtbEngine(XtbSettings.Create()), new ResultCache(path));
            var structures = Enumerable.Range(0, 4).Select(i =>
            {
                var s = TestStructures.WaterDimer(); s.Positions[3] += new Vec3(0.02 * i, 0, 0); return s;
            }).ToArray();
            var energies = new double[8];
            Parallel.For(0, 8, i => energies[i] = (i % 2 == 0 ? a : b).Compute(structures[i / 2], Needs.Energy).Energy);
            Assert.Equal(4, new ResultCache(path).Count);
            var reader = new XtbEngine(XtbSettings.Create());
            var c = new CachedPotential(reader, new ResultCache(path));
            for (int i = 0; i < 4; i++) Assert.Equal(energies[2 * i], c.Compute(structures[i], Needs.Energy).Energy, 12);
            Assert.Equal(1, reader.ProcessStarts); // only the version query
        }
        finally { EngineFixtures.DeleteCache(path); }
    }

    [Fact]
    public void BatchKeepsFailuresNextToResults()
    {
        var engine = new XtbEngine(XtbSettings.Create());
        var bad = TestStructures.WaterMonomer(); bad.Multiplicity = 2; // 10 electrons cannot be a doublet
        var items = engine.ComputeBatch([TestStructures.WaterMonomer(), bad, TestStructures.WaterDimer()], Needs.Forces);
        Assert.True(items[0].Succeeded && items[2].Succeeded);
        Assert.Equal(EngineFailure.InvalidInput, items[1].Error!.Failure);
        Assert.Equal(engine.Compute(TestStructures.WaterDimer()).Energy, items[2].Require().Energy, 10);
    }

    [Fact]
    public void MissingProgramSaysHowToInstall()
    {
        var e = Assert.Throws<EngineException>(() => new XtbEngine(XtbSettings.Create(program: "/nonexistent/xtb")).Compute(TestStructures.WaterMonomer()));
        Assert.Equal(EngineFailure.NotFound, e.Failure);
        Assert.Contains("not found", e.Message);
        Assert.Contains("apt-get install xtb", e.Message);
    }

    [Fact]
    public void TimeoutKillsTheRunAndSaysSo()
    {
        var dir = Directory.CreateTempSubdirectory("tessera-slow").FullName;
        try
        {
            // A stand-in program that answers --version and then hangs.
            if (OperatingSystem.IsWindows()) return;
            var script = Path.Combine(dir, "slow-xtb");
            File.WriteAllText(script, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo '   * xtb version 6.5.1 (stand-in)'; exit 0; fi\nsleep 30\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var engine = new XtbEngine(XtbSettings.Create(program: script, timeout: TimeSpan.FromSeconds(1)));
            var sw = Stopwatch.StartNew();
            var e = Assert.Throws<EngineException>(() => engine.Compute(TestStructures.WaterMonomer()));
            Assert.True(sw.Elapsed.TotalSeconds < 10, $"took {sw.Elapsed.TotalSeconds} s");
            Assert.Equal(EngineFailure.Timeout, e.Failure);
            Assert.Contains("timeout", e.Message);
            Assert.NotNull(e.WorkingDirectory);
            Assert.True(Directory.Exists(e.WorkingDirectory));
            Directory.Delete(e.WorkingDirectory!, true);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void NonConvergenceCarriesXtbsOwnMessageAndKeepsTheFolder()
    {
        var engine = new XtbEngine(XtbSettings.Create(maxIterations: 1));
        var e = Assert.Throws<EngineException>(() => engine.Compute(EngineFixtures.HydroxylRadical()));
        Assert.Equal(EngineFailure.NotConverged, e.Failure);
        Assert.Contains("did not converge", e.ProgramMessage);
        Assert.True(File.Exists(Path.Combine(e.WorkingDirectory!, "geometry.xyz")));
        Directory.Delete(e.WorkingDirectory!, true);
    }
}
