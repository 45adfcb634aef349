using Tessera.Core;

namespace Tessera.Potentials;

/// <summary>Outcome of a central finite-difference check of analytic forces against -dE/dx.</summary>
public sealed record ForceCheckResult(double MaxAbsError, double RmsError, double MaxForce, int WorstAtom, int WorstComponent)
{
    /// <summary>Max error relative to the largest force component (guarded for tiny forces).</summary>
    public double RelativeError => MaxAbsError / Math.Max(MaxForce, 1e-8);
}

/// <summary>Central finite differences of the energy against the analytic forces of any potential.</summary>
public static class ForceCheck
{
    /// <param name="step">Displacement in Angstrom.</param>
    /// <param name="atoms">Atoms to check (all when null).</param>
    public static ForceCheckResult Run(IPotential potential, Structure structure, double step = 1e-4,
                                       IReadOnlyList<int>? atoms = null)
    {
        var analytic = potential.Compute(structure, Needs.Forces).RequireForces();
        var indices = atoms ?? Enumerable.Range(0, structure.Count).ToArray();
        double maxErr = 0, sumSq = 0, maxF = 0;
        int worstAtom = -1, worstComp = -1, count = 0;
        foreach (int i in indices)
        {
            for (int c = 0; c < 3; c++)
            {
                double ePlus = EnergyDisplaced(potential, structure, i, c, step);
                double eMinus = EnergyDisplaced(potential, structure, i, c, -step);
                double numeric = -(ePlus - eMinus) / (2 * step);
                double a = analytic[i][c];
                double err = Math.Abs(a - numeric);
                sumSq += err * err; count++;
                maxF = Math.Max(maxF, Math.Abs(a));
                if (err > maxErr) { maxErr = err; worstAtom = i; worstComp = c; }
            }
        }
        return new ForceCheckResult(maxErr, Math.Sqrt(sumSq / Math.Max(count, 1)), maxF, worstAtom, worstComp);
    }

    private static double EnergyDisplaced(IPotential p, Structure s, int atom, int comp, double delta)
    {
        var moved = s.Clone();
        var r = moved.Positions[atom];
        moved.Positions[atom] = comp switch
        {
            0 => r with { X = r.X + delta },
            1 => r with { Y = r.Y + delta },
            _ => r with { Z = r.Z + delta },
        };
        return p.Compute(moved, Needs.Energy).Energy;
    }
}
