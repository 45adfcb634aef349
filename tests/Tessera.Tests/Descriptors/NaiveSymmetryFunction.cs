using Tessera.Descriptors;

namespace Tessera.Tests.Descriptors;

/// <summary>The symmetry-function formulas of n2p2's documentation evaluated as written, with nothing shared
/// or cached: every neighbour or every pair j &lt; k, geometry from the displacements. The reference the
/// grouped evaluation is checked against.</summary>
internal static class NaiveSymmetryFunction
{
    public static double Value(SymmetryFunction f, AtomEnvironment env) => f switch
    {
        ExponentialRadialFunction e => Radial(env, e.Type == 12, e.Neighbour, r => r < e.Cutoff,
            r => Math.Exp(-e.Eta * (r - e.Shift) * (r - e.Shift)) * Fc(e.CutoffFunction, r)),
        CompactRadialFunction c => Radial(env, c.Type == 23, c.Neighbour, r => r > c.Lower && r < c.Cutoff, r => Compact(c.Radial, r)),
        ExponentialAngularFunction a => Math.Pow(2, 1 - a.Zeta) * Angular(env, a.Type == 13, a.Neighbour1, a.Neighbour2, (rij, rik, rjk, cos) =>
        {
            bool narrow = a.Type != 9;
            if (rij >= a.Cutoff || rik >= a.Cutoff || (narrow && rjk >= a.Cutoff) || 1 + a.Lambda * cos <= 0) return 0;
            double s = Sq(rij - a.Shift) + Sq(rik - a.Shift) + (narrow ? Sq(rjk - a.Shift) : 0);
            var fc = a.CutoffFunction;
            return Math.Pow(1 + a.Lambda * cos, a.Zeta) * Math.Exp(-a.Eta * s) * Fc(fc, rij) * Fc(fc, rik) * (narrow ? Fc(fc, rjk) : 1);
        }),
        CompactAngularFunction c => Angular(env, c.Type >= 24, c.Neighbour1, c.Neighbour2, (rij, rik, rjk, cos) =>
        {
            bool narrow = c.Type is 21 or 24;
            bool Inside(double r) => r > c.Lower && r < c.Cutoff;
            if (!Inside(rij) || !Inside(rik) || (narrow && !Inside(rjk)) || Math.Abs(cos) >= 1) return 0;
            double theta = Math.Acos(cos) * 180 / Math.PI;
            if (theta < c.AngleLeft || theta > c.AngleRight) return 0;
            return Compact(c.Radial, rij) * Compact(c.Radial, rik) * (narrow ? Compact(c.Radial, rjk) : 1) * Compact(c.Angular, Math.Acos(cos));
        }),
        _ => throw new ArgumentException($"No naive form for {f.GetType().Name}."),
    };

    private static double Sq(double x) => x * x;
    private static double Fc(CutoffFunction fc, double r) { fc.Evaluate(r, out double v, out _); return v; }
    private static double Compact(CompactFunction c, double x) { c.Evaluate(x, out double v, out _); return v; }

    private static double Radial(AtomEnvironment env, bool weighted, int element, Func<double, bool> inside, Func<double, double> term)
    {
        double sum = 0;
        for (int j = 0; j < env.Count; j++)
        {
            double r = Math.Sqrt(Sq(env.Dx[j]) + Sq(env.Dy[j]) + Sq(env.Dz[j]));
            if ((weighted || env.Z[j] == element) && inside(r)) sum += (weighted ? env.Z[j] : 1) * term(r);
        }
        return sum;
    }

    private static double Angular(AtomEnvironment env, bool weighted, int e1, int e2, Func<double, double, double, double, double> term)
    {
        double sum = 0;
        for (int j = 0; j < env.Count; j++)
            for (int k = j + 1; k < env.Count; k++)
            {
                double zj = env.Z[j], zk = env.Z[k];
                if (!weighted && !((zj == e1 && zk == e2) || (zj == e2 && zk == e1))) continue;
                double rij = Math.Sqrt(Sq(env.Dx[j]) + Sq(env.Dy[j]) + Sq(env.Dz[j]));
                double rik = Math.Sqrt(Sq(env.Dx[k]) + Sq(env.Dy[k]) + Sq(env.Dz[k]));
                double rjk = Math.Sqrt(Sq(env.Dx[k] - env.Dx[j]) + Sq(env.Dy[k] - env.Dy[j]) + Sq(env.Dz[k] - env.Dz[j]));
                double cos = (env.Dx[j] * env.Dx[k] + env.Dy[j] * env.Dy[k] + env.Dz[j] * env.Dz[k]) / (rij * rik);
                sum += (weighted ? zj * zk : 1) * term(rij, rik, rjk, cos);
            }
        return sum;
    }
}
