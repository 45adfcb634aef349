using System.Runtime.CompilerServices;

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
    private readonly double _pnorm;
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
        _pnorm = Math.Pow(2.0, 1.0 - zeta);
    }

    public override double Compute(AtomEnvironment env, bool derivatives, Span<double> dNeighbours, Span<double> dCentre)
    {
        Span<double> result = stackalloc double[1];
        ExponentialAngularGroup.Compute([this], [0], env, derivatives, dNeighbours, dNeighbours.Length, dCentre, result);
        return result[0];
    }

    /// <summary>Group key: functions that agree on it share every pair's geometry and cutoff values.</summary>
    internal (int, int, int, CutoffType, double, double) GroupKey => (Type, Neighbour1, Neighbour2, CutoffFunction.Type, CutoffFunction.Radius, CutoffFunction.Alpha);
    internal bool IsNarrow => Narrow;
    internal bool IsWeighted => Weighted;

    /// <summary>This function's term for one pair (geometry shared by the group); adds derivatives into dn/dc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double Term(in PairGeometry p, AtomEnvironment env, bool derivatives, Span<double> dn, Span<double> dc)
    {
        double plambda = 1.0 + Lambda * p.Cos;
        if (plambda <= 0.0) return 0.0;
        double pnorm = _pnorm;
        double sij = p.Rij - Shift, sik = p.Rik - Shift, sjk = p.Rjk - Shift;
        double arg = sij * sij + sik * sik + (Narrow ? sjk * sjk : 0.0);
        double pexp = p.W * Math.Exp(-Eta * arg);
        double powm1 = Power(plambda, Zeta - 1.0, _zetaInt - 1, _integerZeta);
        double ang = powm1 * plambda;
        double fc = p.Fij * p.Fik * p.Fjk;
        if (derivatives)
        {
            double dTdcos = pnorm * Zeta * Lambda * powm1 * pexp * fc;
            double common = pnorm * ang * pexp;
            double dTdrij = common * (p.DFij * p.Fik * p.Fjk - 2.0 * Eta * sij * fc);
            double dTdrik = common * (p.Fij * p.DFik * p.Fjk - 2.0 * Eta * sik * fc);
            double dTdrjk = Narrow ? common * (p.Fij * p.Fik * p.DFjk - 2.0 * Eta * sjk * fc) / p.Rjk : 0.0;
            // d cos / d r_j = d_k/(r_j r_k) - cos d_j/r_j^2, and symmetric for k.
            double aj = -dTdcos * p.Cos / (p.Rij * p.Rij) + dTdrij / p.Rij;
            double ak = -dTdcos * p.Cos / (p.Rik * p.Rik) + dTdrik / p.Rik;
            double b = dTdcos * p.Inv;
            int j = p.J, k = p.K;
            var dx = env.Dx; var dy = env.Dy; var dz = env.Dz;
            ExponentialRadialFunction.Accumulate(dn, dc, j,
                aj * dx[j] + b * dx[k] - dTdrjk * p.Jx, aj * dy[j] + b * dy[k] - dTdrjk * p.Jy, aj * dz[j] + b * dz[k] - dTdrjk * p.Jz);
            ExponentialRadialFunction.Accumulate(dn, dc, k,
                ak * dx[k] + b * dx[j] + dTdrjk * p.Jx, ak * dy[k] + b * dy[j] + dTdrjk * p.Jy, ak * dz[k] + b * dz[j] + dTdrjk * p.Jz);
        }
        return ang * pexp * fc;
    }

    public override string ToN2p2Line() => Weighted
        ? $"{Symbol(CentralElement)} 13 {F(Eta)} {F(Shift)} {F(Lambda)} {F(Zeta)} {F(Cutoff)}"
        : $"{Symbol(CentralElement)} {Type} {Symbol(Neighbour1)} {Symbol(Neighbour2)} {F(Eta)} {F(Lambda)} {F(Zeta)} {F(Cutoff)} {F(Shift)}";

    internal override (string, double[]) SortKey => Weighted
        ? ("", [(double)CutoffFunction.Type, CutoffFunction.Alpha, Cutoff, Eta, Shift, Zeta, Lambda])
        : ("", [(double)CutoffFunction.Type, CutoffFunction.Alpha, Cutoff, Eta, Shift, Zeta, Lambda, Neighbour1, Neighbour2]);
}
