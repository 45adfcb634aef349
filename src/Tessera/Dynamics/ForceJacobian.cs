using MathNet.Numerics.LinearAlgebra;
using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>The force Jacobian J[a, b] = dF_a / dx_b (eV/A^2; a, b = 3*atom + component) by central finite
/// differences of the analytic forces. For a conservative potential J = -Hessian is symmetric.</summary>
public static class ForceJacobian
{
    /// <param name="step">Displacement in A.</param>
    /// <param name="progress">Reports the number of coordinates done (of 3N).</param>
    public static Matrix<double> Compute(IPotential potential, Structure structure, double step = 0.005,
                                         IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!(step > 0)) throw new ArgumentOutOfRangeException(nameof(step), "The finite-difference step must be positive.");
        int n = 3 * structure.Count;
        var j = Matrix<double>.Build.Dense(n, n);
        var moved = structure.Clone();
        for (int b = 0; b < n; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var plus = Forces(potential, moved, structure, b, step);
            var minus = Forces(potential, moved, structure, b, -step);
            for (int a = 0; a < n; a++) j[a, b] = (plus[a] - minus[a]) / (2 * step);
            progress?.Report(b + 1);
        }
        return j;
    }

    private static double[] Forces(IPotential p, Structure work, Structure reference, int coordinate, double delta)
    {
        Array.Copy(reference.Positions, work.Positions, reference.Count);
        Vec3.AsDoubles(work.Positions.AsSpan())[coordinate] += delta;
        var f = p.Compute(work, Needs.Forces).RequireForces();
        return Vec3.AsDoubles(f.AsSpan()).ToArray();
    }
}
