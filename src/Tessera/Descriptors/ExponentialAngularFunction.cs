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

    /// <summary>Per-call state shared by the pair terms.</summary>
    private ref struct Context
    {
        public AtomEnvironment Env;
        public double[] Fc, DFc, PairF, PairD;
        public ReadOnlySpan<double> Rjk, Cos;
        public Span<double> DN, DC;
        public bool Derivatives;
        public double PNorm, Result;
    }

    public override double Compute(AtomEnvironment env, bool derivatives, Span<double> dNeighbours, Span<double> dCentre)
    {
        var (fc, dfc) = env.CutoffValues(CutoffFunction);
        var (pf, pd) = Narrow ? env.PairCutoffCache(CutoffFunction) : (fc, dfc);
        var ctx = new Context
        {
            Env = env, Fc = fc, DFc = dfc, PairF = pf, PairD = pd, Rjk = env.PairDistances, Cos = env.PairCosines,
            DN = dNeighbours, DC = dCentre, Derivatives = derivatives, PNorm = Math.Pow(2.0, 1.0 - Zeta),
        };
        double rc = Cutoff;
        var r = env.R;
        if (Weighted)
        {
            int n = env.Count;
            for (int j = 0; j < n - 1; j++)
            {
                if (r[j] >= rc) continue;
                for (int k = j + 1; k < n; k++) if (r[k] < rc) Pair(ref ctx, j, k);
            }
        }
        else if (Neighbour1 == Neighbour2)
        {
            var list = env.NeighboursOfElement(Neighbour1);
            for (int a = 0; a < list.Length - 1; a++)
            {
                int j = list[a];
                if (r[j] >= rc) continue;
                for (int b = a + 1; b < list.Length; b++) if (r[list[b]] < rc) Pair(ref ctx, j, list[b]);
            }
        }
        else
        {
            var l1 = env.NeighboursOfElement(Neighbour1);
            var l2 = env.NeighboursOfElement(Neighbour2);
            foreach (int j in l1)
            {
                if (r[j] >= rc) continue;
                foreach (int k in l2) if (r[k] < rc) Pair(ref ctx, j, k);
            }
        }
        return ctx.Result * ctx.PNorm;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Pair(ref Context c, int j, int k)
    {
        var env = c.Env;
        int n = env.Count, idx = j < k ? j * n + k : k * n + j;
        double rjk = 0, fjk = 1, dfjk = 0;
        if (Narrow)
        {
            rjk = c.Rjk[idx];
            if (rjk >= Cutoff) return;
            if (double.IsNaN(c.PairF[idx])) CutoffFunction.Evaluate(rjk, out c.PairF[idx], out c.PairD[idx]);
            fjk = c.PairF[idx]; dfjk = c.PairD[idx];
        }
        double cos = c.Cos[idx];
        double plambda = 1.0 + Lambda * cos;
        if (plambda <= 0.0) return;
        double rij = env.R[j], rik = env.R[k];
        double fij = c.Fc[j], fik = c.Fc[k];
        double sij = rij - Shift, sik = rik - Shift, sjk = rjk - Shift;
        double arg = sij * sij + sik * sik + (Narrow ? sjk * sjk : 0.0);
        double w = Weighted ? env.Z[j] * env.Z[k] : 1.0;
        double pexp = w * Math.Exp(-Eta * arg);
        double powm1 = Power(plambda, Zeta - 1.0, _zetaInt - 1, _integerZeta);
        double ang = powm1 * plambda;
        double fc = fij * fik * fjk;
        c.Result += ang * pexp * fc;
        if (!c.Derivatives) return;
        double dfij = c.DFc[j], dfik = c.DFc[k];
        double dTdcos = c.PNorm * Zeta * Lambda * powm1 * pexp * fc;
        double common = c.PNorm * ang * pexp;
        double dTdrij = common * (dfij * fik * fjk - 2.0 * Eta * sij * fc);
        double dTdrik = common * (fij * dfik * fjk - 2.0 * Eta * sik * fc);
        double dTdrjk = Narrow ? common * (fij * fik * dfjk - 2.0 * Eta * sjk * fc) / rjk : 0.0;
        // d cos / d r_j = d_k/(r_j r_k) - cos d_j/r_j^2, and symmetric for k.
        double inv = 1.0 / rij / rik;
        double aj = -dTdcos * cos / (rij * rij) + dTdrij / rij;
        double ak = -dTdcos * cos / (rik * rik) + dTdrik / rik;
        double b = dTdcos * inv;
        var dx = env.Dx; var dy = env.Dy; var dz = env.Dz;
        double jx = dx[k] - dx[j], jy = dy[k] - dy[j], jz = dz[k] - dz[j];
        ExponentialRadialFunction.Accumulate(c.DN, c.DC, j,
            aj * dx[j] + b * dx[k] - dTdrjk * jx, aj * dy[j] + b * dy[k] - dTdrjk * jy, aj * dz[j] + b * dz[k] - dTdrjk * jz);
        ExponentialRadialFunction.Accumulate(c.DN, c.DC, k,
            ak * dx[k] + b * dx[j] + dTdrjk * jx, ak * dy[k] + b * dy[j] + dTdrjk * jy, ak * dz[k] + b * dz[j] + dTdrjk * jz);
    }

    public override string ToN2p2Line() => Weighted
        ? $"{Symbol(CentralElement)} 13 {F(Eta)} {F(Shift)} {F(Lambda)} {F(Zeta)} {F(Cutoff)}"
        : $"{Symbol(CentralElement)} {Type} {Symbol(Neighbour1)} {Symbol(Neighbour2)} {F(Eta)} {F(Lambda)} {F(Zeta)} {F(Cutoff)} {F(Shift)}";

    internal override (string, double[]) SortKey => Weighted
        ? ("", [(double)CutoffFunction.Type, CutoffFunction.Alpha, Cutoff, Eta, Shift, Zeta, Lambda])
        : ("", [(double)CutoffFunction.Type, CutoffFunction.Alpha, Cutoff, Eta, Shift, Zeta, Lambda, Neighbour1, Neighbour2]);
}
