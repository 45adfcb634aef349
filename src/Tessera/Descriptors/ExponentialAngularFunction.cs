namespace Tessera.Descriptors;

/// <summary>Angular functions over neighbour pairs j &lt; k:
/// G = 2^(1-zeta) sum (1 + lambda cos theta_ijk)^zeta exp(-eta sum_p (r_p - r_s)^2) prod_p f_c(r_p),
/// terms with 1 + lambda cos &lt;= 0 dropped. Type 3 (narrow): p runs over ij, ik and jk (all three within
/// the cutoff); type 9 (wide): over ij and ik only; type 13 (weighted narrow): type 3 over all pairs,
/// each weighted by Z_j Z_k. Types 3 and 9 take neighbours of elements {e1, e2} in either order.</summary>
public sealed class ExponentialAngularFunction : SymmetryFunction
{
    public double Eta { get; }
    public double Lambda { get; }
    public double Zeta { get; }
    public double Shift { get; }
    public int Neighbour1 { get; }
    public int Neighbour2 { get; }
    public CutoffFunction CutoffFunction { get; }
    public override double Cutoff => CutoffFunction.Radius;
    private readonly int _zetaInt;
    private readonly bool _integerZeta;
    private bool Weighted => Type == 13;
    private bool Narrow => Type != 9;

    public ExponentialAngularFunction(int type, int central, int e1, int e2, double eta, double lambda, double zeta,
                                      double shift, CutoffFunction cutoff) : base(type, central)
    {
        if (type is not (3 or 9 or 13)) throw new ArgumentException($"Angular exponential functions are types 3, 9 and 13, not {type}.");
        if (type != 13 && (e1 <= 0 || e2 <= 0)) throw new ArgumentException($"Type {type} needs two neighbour elements.");
        Neighbour1 = Math.Min(e1, e2); Neighbour2 = Math.Max(e1, e2);
        Eta = eta; Lambda = lambda; Zeta = zeta; Shift = shift; CutoffFunction = cutoff;
        _zetaInt = (int)Math.Round(zeta);
        _integerZeta = Math.Abs(zeta - _zetaInt) <= double.Epsilon;
    }

    public override double Compute(AtomEnvironment env, bool derivatives, Span<double> dNeighbours, Span<double> dCentre)
    {
        double rc = Cutoff, rc2 = rc * rc, result = 0;
        double pnorm = Math.Pow(2.0, 1.0 - Zeta);
        var r = env.R; var z = env.Z; var dx = env.Dx; var dy = env.Dy; var dz = env.Dz;
        int n = env.Count;
        for (int j = 0; j < n - 1; j++)
        {
            double rij = r[j], zj = z[j];
            if (rij >= rc || (!Weighted && zj != Neighbour1 && zj != Neighbour2)) continue;
            CutoffFunction.Evaluate(rij, out double fij, out double dfij);
            for (int k = j + 1; k < n; k++)
            {
                double rik = r[k], zk = z[k];
                if (rik >= rc) continue;
                if (!Weighted && !((zj == Neighbour1 && zk == Neighbour2) || (zj == Neighbour2 && zk == Neighbour1))) continue;
                double jx = dx[k] - dx[j], jy = dy[k] - dy[j], jz = dz[k] - dz[j];
                double rjk = 0, fjk = 1, dfjk = 0;
                if (Narrow)
                {
                    double rjk2 = jx * jx + jy * jy + jz * jz;
                    if (rjk2 >= rc2) continue;
                    rjk = Math.Sqrt(rjk2);
                    CutoffFunction.Evaluate(rjk, out fjk, out dfjk);
                }
                CutoffFunction.Evaluate(rik, out double fik, out double dfik);
                double inv = 1.0 / rij / rik;
                double cos = (dx[j] * dx[k] + dy[j] * dy[k] + dz[j] * dz[k]) * inv;
                double plambda = 1.0 + Lambda * cos;
                if (plambda <= 0.0) continue;
                double sij = rij - Shift, sik = rik - Shift, sjk = rjk - Shift;
                double arg = sij * sij + sik * sik + (Narrow ? sjk * sjk : 0.0);
                double w = Weighted ? zj * zk : 1.0;
                double pexp = w * Math.Exp(-Eta * arg);
                double powm1 = Power(plambda, Zeta - 1.0, _zetaInt - 1, _integerZeta);
                double ang = powm1 * plambda;
                double fc = fij * fik * fjk;
                result += ang * pexp * fc;
                if (!derivatives) continue;
                // dT/dcos, dT/dr_ij, dT/dr_ik, dT/dr_jk (without pnorm until the end)
                double dTdcos = pnorm * Zeta * Lambda * powm1 * pexp * fc;
                double common = pnorm * ang * pexp;
                double dTdrij = common * (dfij * fik * fjk - 2.0 * Eta * sij * fc);
                double dTdrik = common * (fij * dfik * fjk - 2.0 * Eta * sik * fc);
                double dTdrjk = Narrow ? common * (fij * fik * dfjk - 2.0 * Eta * sjk * fc) / rjk : 0.0;
                // d cos / d r_j = r_ik/(r_ij r_ik) - cos r_ij/r_ij^2, and symmetric for k.
                double aj = -dTdcos * cos / (rij * rij) + dTdrij / rij;
                double ak = -dTdcos * cos / (rik * rik) + dTdrik / rik;
                double b = dTdcos * inv;
                double gjx = aj * dx[j] + b * dx[k] - dTdrjk * jx;
                double gjy = aj * dy[j] + b * dy[k] - dTdrjk * jy;
                double gjz = aj * dz[j] + b * dz[k] - dTdrjk * jz;
                double gkx = ak * dx[k] + b * dx[j] + dTdrjk * jx;
                double gky = ak * dy[k] + b * dy[j] + dTdrjk * jy;
                double gkz = ak * dz[k] + b * dz[j] + dTdrjk * jz;
                ExponentialRadialFunction.Accumulate(dNeighbours, dCentre, j, gjx, gjy, gjz);
                ExponentialRadialFunction.Accumulate(dNeighbours, dCentre, k, gkx, gky, gkz);
            }
        }
        return result * pnorm;
    }

    public override string ToN2p2Line() => Weighted
        ? $"{Symbol(CentralElement)} 13 {F(Eta)} {F(Shift)} {F(Lambda)} {F(Zeta)} {F(Cutoff)}"
        : $"{Symbol(CentralElement)} {Type} {Symbol(Neighbour1)} {Symbol(Neighbour2)} {F(Eta)} {F(Lambda)} {F(Zeta)} {F(Cutoff)} {F(Shift)}";

    internal override (string, double[]) SortKey => Weighted
        ? ("", [(double)CutoffFunction.Type, CutoffFunction.Alpha, Cutoff, Eta, Shift, Zeta, Lambda])
        : ("", [(double)CutoffFunction.Type, CutoffFunction.Alpha, Cutoff, Eta, Shift, Zeta, Lambda, Neighbour1, Neighbour2]);
}
