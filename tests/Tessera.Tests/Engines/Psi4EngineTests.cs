using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Tessera.Core;
using Xunit.Abstractions;
using Tessera.Engines;
using Tessera.Potentials;

namespace Tessera.Tests.Engines;

/// <summary>The real psi4 program (1.3.2): energies against a direct run, batch against single runs, gradients
/// against finite differences (computed in one batch, then read back through the cache), failures.</summary>
[Trait("Category", "Engines")]
public class Psi4EngineTests(ITestOutputHelper output)
{
    [Fact]
    public void DfMp2DimerEnergyEqualsADirectRun()
    {
        var s = TestStructures.WaterDimer();
        double engine = new Psi4Engine(Psi4Settings.Create("mp2/cc-pvdz")).Compute(s, Needs.Energy).Energy / Units.Hartree;

        // Independent of the engine: a hand-written psithon input as BENCHMARK.md states the high level.
        var dir = Directory.CreateTempSubdirectory("tessera-direct-psi4").FullName;
        try
        {
            var atoms = string.Join("\n", s.Positions.Select((r, i) =>
                $"{(s.Numbers[i] == 8 ? "O" : "H")} {r.X.ToString(CultureInfo.InvariantCulture)} {r.Y.ToString(CultureInfo.InvariantCulture)} {r.Z.ToString(CultureInfo.InvariantCulture)}"));
            File.WriteAllText(Path.Combine(dir, "in.dat"), $$"""
                memory 1 GB
                molecule {
                0 1
                {{atoms}}
                units angstrom
                no_reorient
                no_com
                symmetry c1
                }
                set basis cc-pvdz
                set scf_type df
                set mp2_type df
                set freeze_core true
                set e_convergence 1e-8
                set d_convergence 1e-8
                e = energy('mp2')
                print("DIRECT_ENERGY %.12f" % e)
                """);
            var psi = new ProcessStartInfo("psi4", "in.dat out.dat -n 1") { WorkingDirectory = dir , RedirectStandardOutput = true };
            psi.Environment["PSI_SCRATCH"] = dir;
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            var m = Regex.Match(stdout, @"DIRECT_ENERGY (-?\d+\.\d+)");
            Assert.True(m.Success, "direct psi4 run printed no energy");
            Assert.Equal(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), engine, 1e-8);
        }
        finally { Directory.Delete(dir, true); }
    }

    // Central differences (step 1e-3 A) of the tightly converged (1e-8) DF energies; all 18 displaced
    // geometries run in ONE psi4 process, then ForceCheck reads them back from the cache with no new run.
    // Measured worst error: see the report; 1e-4 eV/A against forces of several eV/A.
    [Theory]
    [InlineData("scf/sto-3g")]
    [InlineData("mp2/cc-pvdz")]
    public void MonomerGradientPassesFiniteDifferences(string level)
    {
        var path = EngineFixtures.TempCachePath();
        try
        {
            var engine = new Psi4Engine(Psi4Settings.Create(level));
            var cached = new CachedPotential(engine, new ResultCache(path));
            var s = TestStructures.WaterMonomer();
            s.Positions[1] += new Vec3(0.03, 0.05, -0.02);
            const double step = 1e-3;
            var displaced = new List<Structure>();
            for (int i = 0; i < s.Count; i++)
                for (int c = 0; c < 3; c++)
                    foreach (var d in new[] { step, -step }) displaced.Add(Displace(s, i, c, d));
            cached.ComputeBatch([s], Needs.Forces);
            var items = cached.ComputeBatch(displaced, Needs.Energy);
            Assert.All(items, it => Assert.True(it.Succeeded, it.Error?.Message));
            long starts = engine.ProcessStarts;
            var check = ForceCheck.Run(cached, s, step);
            Assert.Equal(starts, engine.ProcessStarts);
            Assert.True(check.MaxForce > 0.5, $"forces too small to test: {check.MaxForce}");
            output.WriteLine($"{level}: max |F - FD| {check.MaxAbsError:E2} eV/A, rms {check.RmsError:E2}, max |F| {check.MaxForce:F3}");
            Assert.True(check.MaxAbsError < 1e-4, $"{level}: max error {check.MaxAbsError:E3} eV/A (atom {check.WorstAtom}, component {check.WorstComponent})");
        }
        finally { EngineFixtures.DeleteCache(path); }
    }

    private static Structure Displace(Structure s, int atom, int comp, double delta)
    {
        var moved = s.Clone();
        var r = moved.Positions[atom];
        moved.Positions[atom] = comp switch { 0 => r with { X = r.X + delta }, 1 => r with { Y = r.Y + delta }, _ => r with { Z = r.Z + delta } };
        return moved;
    }

    [Fact]
    public void BatchEqualsSingleRunsAndRecordsPerMemberFailures()
    {
        var engine = new Psi4Engine(Psi4Settings.Create("scf/sto-3g"));
        var radical = EngineFixtures.HydroxylRadical();
        var impossible = TestStructures.WaterMonomer(); impossible.Multiplicity = 2;
        var dimer = TestStructures.WaterDimer();
        long before = engine.ProcessStarts;
        var items = engine.ComputeBatch([radical, impossible, dimer], Needs.Forces);
        Assert.Equal(before + 1, engine.ProcessStarts);
        Assert.True(items[0].Succeeded, items[0].Error?.Message);
        Assert.True(items[2].Succeeded, items[2].Error?.Message);
        var error = items[1].Error!;
        Assert.Equal(EngineFailure.InvalidInput, error.Failure);
        Assert.Contains("chg/mult", error.ProgramMessage); // psi4's own words
        Assert.Equal(engine.Compute(dimer, Needs.Energy).Energy, items[2].Require().Energy, 6); // eV; ~1e-7 Hartree SCF noise allowed
        Assert.Equal(engine.Compute(radical, Needs.Energy).Energy, items[0].Require().Energy, 6);
    }

    [Fact]
    public void UnknownMethodCarriesPsi4sMessage()
    {
        var engine = new Psi4Engine(Psi4Settings.Create("notamethod/sto-3g"));
        var e = Assert.Throws<EngineException>(() => engine.Compute(TestStructures.WaterMonomer(), Needs.Energy));
        Assert.Equal(EngineFailure.InvalidInput, e.Failure);
        Assert.Contains("\"notamethod\" is not available", e.Message);
        Directory.Delete(e.WorkingDirectory!, true);
    }

    [Fact]
    public void NonConvergenceIsReported()
    {
        var engine = new Psi4Engine(Psi4Settings.Create("scf/sto-3g", new Dictionary<string, string> { ["maxiter"] = "2", ["fail_on_maxiter"] = "true" }));
        var e = Assert.Throws<EngineException>(() => engine.Compute(TestStructures.WaterDimer(), Needs.Energy));
        Assert.Equal(EngineFailure.NotConverged, e.Failure);
        Assert.Contains("converge", e.ProgramMessage);
        Directory.Delete(e.WorkingDirectory!, true);
    }

    [Fact]
    public void VersionIsDetected() => Assert.Equal("1.3.2", new Psi4Engine(Psi4Settings.Create("scf/sto-3g")).Version);

    [Fact]
    public void MissingProgramSaysHowToInstall()
    {
        var e = Assert.Throws<EngineException>(() => new Psi4Engine(Psi4Settings.Create("scf/sto-3g", program: "no-such-psi4")).Compute(TestStructures.WaterMonomer()));
        Assert.Contains("not found", e.Message);
        Assert.Contains("apt-get install psi4", e.Message);
    }

    [Fact]
    public void TimeoutKillsPsi4AndSaysSo()
    {
        var engine = new Psi4Engine(Psi4Settings.Create("scf/sto-3g", timeout: TimeSpan.FromMilliseconds(1)));
        var items = engine.ComputeBatch([TestStructures.WaterMonomer()], Needs.Energy);
        Assert.False(items[0].Succeeded);
        Assert.Equal(EngineFailure.Timeout, items[0].Error!.Failure);
        Assert.Contains("timeout", items[0].Error!.Message);
        Directory.Delete(items[0].Error!.WorkingDirectory!, true);
    }
}
