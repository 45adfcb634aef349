using System.Globalization;
using System.Text.Json;
using Tessera.Core;
using Tessera.Dynamics;
using Tessera.IO;
using Tessera.Models;
using Tessera.Tests.BadInput;

namespace Tessera.Tests.Interop;

/// <summary>The shipped fragment model (data/models/w6-increments.json, with xtb-native) on H+(H2O)6 through the Python
/// package, as an ASE user drives it: ASE's BFGS ends where `tessera optimize` ends, and ASE's velocity Verlet through
/// the calculator follows `tessera md` step for step.</summary>
public class PythonFragmentModelTests
{
    private static string Model => BadInputRunner.RepoPath("data/models/w6-increments.json");

    private static Structure W6() => StructureFile.Read(BadInputRunner.RepoPath("data/structures/w6.xyz")).Last();

    private static string Calculator =>
        $"c = atoms.calc = TesseraCalculator(model={JsonSerializer.Serialize(Model)}, tessera=inp[\"tessera\"], charge=1, multiplicity=1, timeout=60)\n";

    [PythonAseFact]
    public void Ase_bfgs_with_the_fragment_model_reaches_the_minimum_tessera_optimize_finds()
    {
        // A start off the minimum (each coordinate moved by up to 0.02 A, seeded), optimised by both to a tight fmax.
        var w6 = W6();
        var rng = new Random(3);
        var start = w6.WithPositions(w6.Positions.Select(r => r + 0.04 * new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray());
        var potential = ModelLoader.Load(Model);
        using var _ = potential as IDisposable;
        var tessera = Optimization.Run(start, potential, new Lbfgs(), OptimizationSettings.Create(fmax: 3e-5, maxSteps: 4000));
        Assert.True(tessera.Converged, $"tessera optimize did not converge: fmax {tessera.Fmax}");
        var o = PythonCalculator.Run(Calculator + """
            from ase.optimize import BFGS
            BFGS(atoms, logfile=None).run(fmax=3e-5, steps=4000)
            out["energy"], out["positions"] = atoms.get_potential_energy(), atoms.positions.tolist()
            c.close()
            """, start);
        double energy = o.GetProperty("energy").GetDouble();
        Assert.True(Math.Abs(energy - tessera.Energy) <= 1e-6, $"ASE BFGS ends at {energy:F9} eV, tessera optimize at {tessera.Energy:F9} eV");
        // The optimisers may end turned or shifted against each other (the energy does not care), so the positions are
        // compared after the best rigid superposition.
        var ase = Superposed(PythonCalculator.Vectors(o.GetProperty("positions")), tessera.Structure.Positions);
        double worst = ase.Select((r, i) => (r - tessera.Structure.Positions[i]).Length).Max();
        Assert.True(worst <= 1e-3, $"the two minima differ by up to {worst:E2} A in an atom's position");
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
