using MathNet.Numerics.LinearAlgebra;
using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>Harmonic vibrational analysis. Frequencies in cm^-1, ascending, imaginary ones as negative numbers;
/// <see cref="Modes"/> holds the mass-weighted normal coordinates as columns (3N rows, one column per frequency).
/// <see cref="Hessian"/> is the symmetrised Cartesian Hessian in eV/A^2.</summary>
public sealed record NormalModeResult(double[] FrequenciesCm, Matrix<double> Modes, Matrix<double> Hessian, int ProjectedOut);

/// <summary>Finite-difference Hessian of the analytic forces, mass-weighted, with translations (and, for open
/// systems, rotations) removed by working in the orthogonal complement of their mass-weighted vectors.</summary>
public static class NormalModes
{
    public static NormalModeResult Compute(IPotential potential, Structure structure, double step = 0.005,
                                           IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var j = ForceJacobian.Compute(potential, structure, step, progress, cancellationToken);
        var hessian = -0.5 * (j + j.Transpose());
        return FromHessian(hessian, structure);
    }

    /// <summary>Vibrational analysis of a given Cartesian Hessian (eV/A^2).</summary>
    public static NormalModeResult FromHessian(Matrix<double> hessian, Structure structure)
    {
        int n = 3 * structure.Count;
        var masses = Kinetics.Masses(structure);
        var mw = Matrix<double>.Build.Dense(n, n, (a, b) => hessian[a, b] / Math.Sqrt(masses[a / 3] * masses[b / 3]));
        var external = ExternalMotions(structure, masses);
        var basis = Complement(external, n);
        var internalHessian = basis.Transpose() * mw * basis;
        var evd = (0.5 * (internalHessian + internalHessian.Transpose())).Evd(Symmetricity.Symmetric);
        var freqs = evd.EigenValues.Select(e => Math.Sign(e.Real) * Math.Sqrt(Math.Abs(e.Real)) * Units.AseAngularFrequencyToWavenumber).ToArray();
        var modes = basis * evd.EigenVectors;
        var order = Enumerable.Range(0, freqs.Length).OrderBy(i => freqs[i]).ToArray();
        var sortedModes = Matrix<double>.Build.Dense(n, order.Length, (r, c) => modes[r, order[c]]);
        return new NormalModeResult(order.Select(i => freqs[i]).ToArray(), sortedModes, hessian, external.Count);
    }

    /// <summary>Orthonormal mass-weighted translation (and rotation, for open systems) vectors; a linear molecule
    /// yields two rotations (the degenerate one is dropped by its vanishing norm).</summary>
    private static List<Vector<double>> ExternalMotions(Structure s, double[] masses)
    {
        int n = 3 * s.Count;
        var com = Vec3.Zero;
        for (int i = 0; i < s.Count; i++) com += masses[i] * s.Positions[i];
        com /= masses.Sum();
        var candidates = new List<Vector<double>>();
        for (int axis = 0; axis < 3; axis++)
        {
            var t = Vector<double>.Build.Dense(n);
            for (int i = 0; i < s.Count; i++) t[3 * i + axis] = Math.Sqrt(masses[i]);
            candidates.Add(t);
        }
        if (!s.IsPeriodic)
            for (int axis = 0; axis < 3; axis++)
            {
                var e = new Vec3(axis == 0 ? 1 : 0, axis == 1 ? 1 : 0, axis == 2 ? 1 : 0);
                var r = Vector<double>.Build.Dense(n);
                for (int i = 0; i < s.Count; i++)
                {
                    var d = Vec3.Cross(e, s.Positions[i] - com);
                    for (int c = 0; c < 3; c++) r[3 * i + c] = Math.Sqrt(masses[i]) * d[c];
                }
                candidates.Add(r);
            }
        var basis = new List<Vector<double>>();
        foreach (var c in candidates)
        {
            var v = c.Clone();
            double scale = v.L2Norm();
            foreach (var b in basis) v -= v.DotProduct(b) * b;
            double norm = v.L2Norm();
            if (norm > 1e-6 * Math.Max(scale, 1e-12)) basis.Add(v / norm);
        }
        return basis;
    }

    /// <summary>An orthonormal basis (columns) of the complement of the given orthonormal vectors: the
    /// eigenvectors of the projector I - sum v v^T with eigenvalue 1.</summary>
    private static Matrix<double> Complement(List<Vector<double>> vectors, int n)
    {
        var p = Matrix<double>.Build.DenseIdentity(n);
        foreach (var v in vectors) p -= v.OuterProduct(v);
        var evd = p.Evd(Symmetricity.Symmetric);
        var keep = Enumerable.Range(0, n).Where(i => evd.EigenValues[i].Real > 0.5).ToArray();
        return Matrix<double>.Build.Dense(n, keep.Length, (r, c) => evd.EigenVectors[r, keep[c]]);
    }
}
