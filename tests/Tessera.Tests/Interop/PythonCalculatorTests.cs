using System.Text.Json;
using Tessera.Core;
using Tessera.Dynamics;
using Tessera.IO;
using Tessera.Models;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Tests.BadInput;

namespace Tessera.Tests.Interop;

/// <summary>The Python package (python/tessera) used as ASE users would: TesseraCalculator drives this build's
/// `tessera serve`, and what ASE sees must equal Tessera's own evaluation of the same geometry.</summary>
public class PythonCalculatorTests
{
    private const string Xtb = "xtb-native:gfn2";

    private static void AssertMatches(IPotential potential, Structure s, double energy, Vec3[] forces, double tol)
    {
        var direct = potential.Compute(s, Needs.Forces);
        Assert.Equal(direct.Energy, energy, tol);
        for (int i = 0; i < s.Count; i++)
            for (int c = 0; c < 3; c++)
                Assert.Equal(direct.RequireForces()[i][c], forces[i][c], tol);
    }

    /// <summary>Runs <paramref name="body"/> with the water dimer as `atoms` on `c`, an xtb-native:gfn2 TesseraCalculator.</summary>
    private static JsonElement RunOnDimer(string body) =>
        PythonCalculator.Run($"c = atoms.calc = calc(\"{Xtb}\")\n{body}\nc.close()\n", TestStructures.WaterDimer());

    [PythonAseFact]
    public void EnergyAndForcesEqualTesseraAndANewSpeciesListRestartsServe()
    {
        var dimer = TestStructures.WaterDimer();
        var o = RunOnDimer("""
            with c:
                out["energy"], out["forces"] = atoms.get_potential_energy(), atoms.get_forces().tolist()
                first = c.pid
                monomer = atoms[:3]
                monomer.calc = c
                out["monomer"] = monomer.get_potential_energy()
                out["restarted"], out["first_gone"] = c.pid != first, gone(first)
                second = c.pid
            out["second_gone"] = gone(second)  # leaving `with` ends it
            """);
        var potential = ModelLoader.Load(Xtb);
        using var _ = potential as IDisposable;
        AssertMatches(potential, dimer, o.GetProperty("energy").GetDouble(), PythonCalculator.Vectors(o.GetProperty("forces")), 1e-6);
        var monomer = new Structure([8, 1, 1], dimer.Positions[..3]);
        Assert.Equal(potential.Compute(monomer, Needs.Energy).Energy, o.GetProperty("monomer").GetDouble(), 1e-6);
        Assert.True(o.GetProperty("restarted").GetBoolean() && o.GetProperty("first_gone").GetBoolean());
        Assert.True(o.GetProperty("second_gone").GetBoolean(), "tessera serve outlived the with block");
    }

    [PythonAseFact]
    public void AseBfgsConvergesToTheMinimumTesseraFinds()
    {
        var dimer = TestStructures.WaterDimer();
        var o = RunOnDimer("""
            from ase.optimize import BFGS
            BFGS(atoms, logfile=None).run(fmax=0.05, steps=200)
            out["energy"], out["positions"] = atoms.get_potential_energy(), atoms.positions.tolist()
            """);
        var potential = ModelLoader.Load(Xtb);
        using var _ = potential as IDisposable;
        var final = dimer.WithPositions(PythonCalculator.Vectors(o.GetProperty("positions")));
        var atFinal = potential.Compute(final, Needs.Forces);
        Assert.True(atFinal.RequireForces().Max(f => f.Length) < 0.05, "ASE's BFGS did not converge to fmax 0.05");
        double energy = o.GetProperty("energy").GetDouble();
        Assert.Equal(atFinal.Energy, energy, 1e-6);
        var tessera = Optimization.Run(dimer, potential, new Lbfgs(), OptimizationSettings.Create(fmax: 0.05));
        Assert.True(tessera.Converged);
        Assert.Equal(tessera.Energy, energy, 2e-3); // two optimisers stopping at fmax 0.05 on the same flat minimum
    }

    [PythonAseFact]
    public void AseVelocityVerletConservesEnergyAndCloseEndsServe()
    {
        var o = RunOnDimer("""
            from ase import units
            from ase.md.verlet import VelocityVerlet
            from ase.md.velocitydistribution import MaxwellBoltzmannDistribution
            MaxwellBoltzmannDistribution(atoms, temperature_K=300, rng=np.random.RandomState(7))
            totals = []
            dyn = VelocityVerlet(atoms, 0.5 * units.fs)
            dyn.attach(lambda: totals.append(atoms.get_total_energy()), interval=1)
            dyn.run(20)
            folder = c._server._state["folder"]  # private: only to check that close removes the socket
            out["pid"], out["totals"] = c.pid, totals
            c.close()
            out["gone"], out["folder_left"] = gone(out["pid"]), os.path.exists(folder)
            """);
        var totals = o.GetProperty("totals").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(21, totals.Length);
        Assert.True(totals.Max() - totals.Min() < 2e-3, $"total energy spread {totals.Max() - totals.Min():E2} eV over 20 steps");
        Assert.True(o.GetProperty("gone").GetBoolean() && !PythonCalculator.Alive(o.GetProperty("pid").GetInt32()), "tessera serve outlived close()");
        Assert.False(o.GetProperty("folder_left").GetBoolean(), "the socket folder outlived close()");
    }

    [PythonAseFact]
    public void ABadModelRaisesWithTesserasError()
    {
        var o = PythonCalculator.Run("""
            out["model"] = os.path.join(os.getcwd(), "no-such-model")
            try:
                atoms.calc = calc(out["model"])
                atoms.get_potential_energy()
            except TesseraError as e:
                out["error"] = str(e)
            """, TestStructures.WaterDimer());
        string model = o.GetProperty("model").GetString()!, error = o.GetProperty("error").GetString()!;
        Assert.Contains($"(model '{model}')", error);
        Assert.Contains($"error: --model '{model}': no such model folder", error);
    }

    [PythonAseFact]
    public void AKilledServeRaisesAndTheNextCallStartsAnother()
    {
        var o = RunOnDimer("""
            import signal
            atoms.get_potential_energy()
            out["killed"] = c.pid
            os.kill(c.pid, signal.SIGKILL)
            atoms.positions[0, 0] += 0.01  # a new geometry, so ASE asks again
            try:
                atoms.get_potential_energy()
            except TesseraError as e:
                out["error"] = str(e)
            atoms.get_potential_energy()
            out["restarted"] = c.pid not in (None, out["killed"])
            """);
        Assert.Contains("killed by signal 9", o.GetProperty("error").GetString());
        Assert.Contains("tessera serve: xtb-native:gfn2 for H4O2", o.GetProperty("error").GetString()); // its stderr
        Assert.True(o.GetProperty("restarted").GetBoolean());
    }

    [PythonAseFact]
    public void BehlerParrinelloEnergyForcesAndStressEqualPredict()
    {
        var frame = StructureFile.Read(BadInputRunner.RepoPath("data/water16/water16-frames.extxyz.gz")).First();
        const double box = 20;
        var o = PythonCalculator.Run($$"""
            with calc("{{BadInputRunner.RepoPath("data/water16/bpnn")}}") as c:
                atoms.calc = c
                out["energy"], out["forces"] = atoms.get_potential_energy(), atoms.get_forces().tolist()
                atoms.set_cell([{{box}}] * 3)
                atoms.pbc = True
                out["periodic"], out["stress"] = atoms.get_potential_energy(), atoms.get_stress(voigt=False).tolist()
            """, frame);
        var potential = BpnnEnsemble.Load(BadInputRunner.RepoPath("data/water16/bpnn"));
        AssertMatches(potential, frame, o.GetProperty("energy").GetDouble(), PythonCalculator.Vectors(o.GetProperty("forces")), 1e-6);
        var periodic = frame.Clone();
        periodic.Cell = new Mat3(new Vec3(box, 0, 0), new Vec3(0, box, 0), new Vec3(0, 0, box));
        periodic.Pbc = [true, true, true];
        var direct = potential.Compute(periodic, Needs.Virial);
        Assert.Equal(direct.Energy, o.GetProperty("periodic").GetDouble(), 1e-6);
        var stress = PythonCalculator.Vectors(o.GetProperty("stress"));
        var expected = direct.Stress(periodic)!.Value;
        for (int i = 0; i < 3; i++)
            for (int c = 0; c < 3; c++)
                Assert.Equal(expected[i, c], stress[i][c], 1e-9);
    }

    [PythonAseFact]
    public void BehlerParrinelloEnsembleGivesPerAtomEnergiesAndTheSpreadOfPredict()
    {
        var frame = StructureFile.Read(BadInputRunner.RepoPath("data/water16/water16-frames.extxyz.gz")).First();
        using var t = new Tessera.Tests.IO.TempDir();
        // Two members: the shipped water16 model and a copy with its first weight moved, so the spread is not zero.
        string source = BadInputRunner.RepoPath("data/water16/bpnn");
        foreach (var member in new[] { "member_0", "member_1" })
        {
            Directory.CreateDirectory(t.File(member));
            foreach (var f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(t.File(member), Path.GetFileName(f)));
        }
        string weights = Path.Combine(t.File("member_1"), "weights.008.data");
        var lines = File.ReadAllLines(weights);
        int first = Array.FindIndex(lines, l => !l.TrimStart().StartsWith('#'));
        var words = lines[first].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        words[0] = (double.Parse(words[0], System.Globalization.CultureInfo.InvariantCulture) + 0.05).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        lines[first] = string.Join(' ', words);
        File.WriteAllLines(weights, lines);

        var o = PythonCalculator.Run($$"""
            with calc("{{t.Dir}}") as c:
                atoms.calc = c
                out["energy"], out["energies"] = atoms.get_potential_energy(), atoms.get_potential_energies().tolist()
                out["std"] = c.results["energy_std"]
            """, frame);
        var ensemble = BpnnEnsemble.Load(t.Dir);
        var direct = ensemble.ComputeWithSpread(frame, Needs.Forces | Needs.AtomEnergies);
        Assert.Equal(direct.Mean.Energy, o.GetProperty("energy").GetDouble(), 1e-6);
        Assert.True(direct.EnergySpread > 1e-4, $"spread {direct.EnergySpread} eV: the perturbed member does not differ");
        Assert.Equal(direct.EnergySpread, o.GetProperty("std").GetDouble(), 1e-9);
        var energies = o.GetProperty("energies").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(frame.Count, energies.Length);
        for (int i = 0; i < frame.Count; i++) Assert.Equal(direct.Mean.AtomEnergies![i], energies[i], 1e-9);
        Assert.Equal(direct.Mean.Energy, energies.Sum(), 1e-6);
    }

    [PythonAseFact]
    public void PerAtomEnergiesOfAModelWithoutThemRaisePropertyNotImplemented()
    {
        var o = RunOnDimer("""
            from ase.calculators.calculator import PropertyNotImplementedError
            out["energy"] = atoms.get_potential_energy()
            out["std"] = "energy_std" in c.results
            try:
                atoms.get_potential_energies()
                out["raised"] = False
            except PropertyNotImplementedError as e:
                out["raised"], out["message"] = True, str(e)
            """);
        Assert.True(o.GetProperty("raised").GetBoolean());
        Assert.Contains("sum of atomic energies", o.GetProperty("message").GetString());
        Assert.False(o.GetProperty("std").GetBoolean());
    }
}
