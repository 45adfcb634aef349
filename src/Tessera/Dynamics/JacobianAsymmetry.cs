using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>lambda = ||(J - J^T)/2||_F / ||J||_F of the force Jacobian: zero (to finite-difference accuracy) for
/// forces that are the gradient of an energy, clearly positive for a non-conservative force field.</summary>
public sealed record JacobianAsymmetryResult(double Lambda, double AntisymmetricNorm, double JacobianNorm);

public static class JacobianAsymmetry
{
    public static JacobianAsymmetryResult Compute(IPotential potential, Structure structure, double step = 0.005,
                                                  IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var j = ForceJacobian.Compute(potential, structure, step, progress, cancellationToken);
        double anti = (0.5 * (j - j.Transpose())).FrobeniusNorm();
        double norm = j.FrobeniusNorm();
        return new JacobianAsymmetryResult(norm > 0 ? anti / norm : 0, anti, norm);
    }
}
