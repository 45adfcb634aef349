using System.Globalization;
using System.Text.Json;
using Tessera.Core;
using Tessera.Dynamics;
using Tessera.IO;
using Tessera.Models;
using Tessera.Potentials;
using Tessera.Tests.BadInput;

namespace Tessera.Tests.Interop;

/// <summary>The shipped fragment model (data/models/w6-increments.json, with xtb-native) on H+(H2O)6 through the Python
/// package, as an ASE user drives it: ASE's BFGS ends at a minimum of the surface `tessera optimize` sees, and ASE's velocity Verlet through
/// the calculator follows `tessera md` step for step.</summary>
public class PythonFragmentModelTests
{
    private static string Model => BadInputRunner.RepoPath("data/models/w6-increments.json");

    private static Structure W6() => StructureFile.Read(BadInputRunner.RepoPath("data/structures/w6.xyz")).Last();

    private static string Calculator =>
        $"c = atoms.calc = TesseraCalculator(model={JsonSerializer.Serialize(Model)}, tessera=inp[\"tessera\"], charge=1, multiplicity=1, timeout=60)\n";

    [PythonAseFact]
    public void Ase_bfgs_with_the_fragment_model_ends_at_a_minimum_of_the_same_surface()
    {
        // A start off the minimum (each coordinate moved by up to 0.02 A, seeded), optimised by ASE's BFGS through the
        // calculator to a tight fmax. Which of the nearby minima an optimiser reaches from there depends on its path (on
        // W6, BFGS and tessera's L-BFGS can end 2.4 meV apart, and rounding-level changes of the forces switch between
        // them), so the test asks what does not: ASE's end is a minimum of the surface tessera computes itself. Its
        // energy is the in-process energy there, the in-process forces there are within xtb's SCF noise of zero (SCF
        // restarts from another history leave 5e-5 eV/A differences), and tessera optimize started there does not move.
        var w6 = W6();
        var rng = new Random(3);
        var start = w6.WithPositions(w6.Positions.Select(r => r + 0.04 * new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray());
        var potential = ModelLoader.Load(Model);
        using var _ = potential as IDisposable;
        var o = PythonCalculator.Run(Calculator + """
            from ase.optimize import BFGS
            converged = BFGS(atoms, logfile=None).run(fmax=3e-5, steps=4000)
            out["energy"], out["positions"], out["converged"] = atoms.get_potential_energy(), atoms.positions.tolist(), bool(converged)
            c.close()
            """, start);
        Assert.True(o.GetProperty("converged").GetBoolean(), "ASE BFGS did not converge in 4000 steps");
        var end = start.WithPositions(PythonCalculator.Vectors(o.GetProperty("positions")));
        double energy = o.GetProperty("energy").GetDouble();
        var here = potential.Compute(end, Needs.Forces);
        var before = potential.Compute(start, Needs.Forces);
        Assert.True(before.Energy - here.Energy > 1e-3 && before.Forces!.Max(f => f.Length) > 0.05,
                    $"the start is already near a minimum ({before.Energy - here.Energy:E2} eV above the end): the test says little");
        Assert.True(Math.Abs(energy - here.Energy) <= 1e-8, $"ASE's end: {energy:F9} eV through the calculator, {here.Energy:F9} eV in process");
        double fmax = here.Forces!.Max(f => f.Length);
        Assert.True(fmax <= 2e-4, $"in-process forces at ASE's end reach {fmax:E2} eV/A");
        var tessera = Optimization.Run(end, potential, new Lbfgs(), OptimizationSettings.Create(fmax: 3e-5, maxSteps: 4000));
        Assert.True(tessera.Converged, $"tessera optimize from ASE's end did not converge: fmax {tessera.Fmax}");
        Assert.True(Math.Abs(tessera.Energy - energy) <= 1e-6, $"tessera optimize from ASE's end moves to {tessera.Energy:F9} eV (from {energy:F9})");
        double moved = Superposed(tessera.Structure.Positions, end.Positions).Select((r, i) => (r - end.Positions[i]).Length).Max();
        Assert.True(moved <= 1e-3, $"tessera optimize from ASE's end moves an atom by {moved:E2} A");
    }

    /// <summary><paramref name="moving"/> rotated and shifted onto <paramref name="target"/> with least squares (Kabsch).</summary>
    private static Vec3[] Superposed(Vec3[] moving, Vec3[] target)
    {
        Vec3 Centre(Vec3[] r) => r.Aggregate(Vec3.Zero, (a, b) => a + b) / r.Length;
        Vec3 cm = Centre(moving), ct = Centre(target);
        var h = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(3, 3);
        for (int i = 0; i < moving.Length; i++)
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++) h[a, b] += (moving[i] - cm)[a] * (target[i] - ct)[b];
        var svd = h.Svd();
        var u = svd.U; var vt = svd.VT;
        var d = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(3);
        d[2, 2] = Math.Sign((vt.Transpose() * u.Transpose()).Determinant());
        var rot = vt.Transpose() * d * u.Transpose();
        return moving.Select(r =>
        {
            var x = r - cm;
            return ct + new Vec3(rot[0, 0] * x.X + rot[0, 1] * x.Y + rot[0, 2] * x.Z,
                                 rot[1, 0] * x.X + rot[1, 1] * x.Y + rot[1, 2] * x.Z,
                                 rot[2, 0] * x.X + rot[2, 1] * x.Y + rot[2, 2] * x.Z);
        }).ToArray();
    }

    [PythonAseFact]
    public void Ase_velocity_verlet_through_the_calculator_follows_tessera_md_step_for_step()
    {
        const int Steps = 10;
        string folder = Directory.CreateTempSubdirectory("tessera-pymd-").FullName;
        try
        {
            StructureFile.Write(Path.Combine(folder, "w6.extxyz"), [W6()]);
            var md = CliProcess.Run(folder, ["md", "w6.extxyz", "-m", Model, "--integrator", "nve", "-T", "300", "--timestep", "0.5",
                                             "-n", Steps.ToString(CultureInfo.InvariantCulture), "--seed", "5", "-o", "traj.extxyz",
                                             "--trajectory-every", "1", "--log", "md.log"]);
            Assert.True(md.ExitCode == 0, md.Stderr);
            var frames = StructureFile.Read(Path.Combine(folder, "traj.extxyz")).ToList();
            Assert.Equal(Steps + 1, frames.Count);
            Assert.Equal(0L, MdSnapshot.Clock(frames[0]).Step);
            // The run's first frame (positions and momenta, in ASE's units) is where ASE starts.
            var p0 = frames[0].Arrays[MdSnapshot.MomentaKey].AsVectors().Select(p => new[] { p.X, p.Y, p.Z });
            var o = PythonCalculator.Run(Calculator + $$"""
                from ase import units
                from ase.md.verlet import VelocityVerlet
                atoms.set_momenta(np.array({{JsonSerializer.Serialize(p0)}}))
                path = []
                dyn = VelocityVerlet(atoms, 0.5 * units.fs)
                dyn.attach(lambda: path.append(atoms.positions.tolist()), interval=1)
                dyn.run({{Steps}})
                out["path"] = path
                c.close()
                """, frames[0]);
            var path = o.GetProperty("path").EnumerateArray().Select(PythonCalculator.Vectors).ToArray();
            Assert.Equal(Steps + 1, path.Length);
            for (int k = 0; k <= Steps; k++)
            {
                double worst = path[k].Select((r, i) => (r - frames[k].Positions[i]).Length).Max();
                Assert.True(worst <= 1e-8, $"step {k}: ASE and tessera md differ by {worst:E2} A");
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
