namespace Tessera.Descriptors;

/// <summary>Polynomial (compact) angular functions over neighbour pairs j &lt; k:
/// G = sum C_r(r_ij) C_r(r_ik) [C_r(r_jk)] C_a(theta_ijk), C_r the radial compact function on [r_l, r_c]
/// (every distance strictly inside), C_a the same core on [angle_left, angle_right] (degrees in input.nn,
/// never asymmetric); pairs with |cos theta| = 1 or theta outside the angular support are skipped.
/// Type 21: narrow (with r_jk), 22: wide, both over elements {e1, e2}; 24 and 25: narrow and wide over
/// all pairs, weighted by Z_j Z_k.</summary>
public sealed class CompactAngularFunction : SymmetryFunction
{
    public int Neighbour1 { get; }
    public int Neighbour2 { get; }
    public double Lower { get; }
    public double AngleLeft { get; }
    public double AngleRight { get; }
    public string Subtype { get; }
    public CompactFunction Radial { get; }
    public CompactFunction Angular { get; }
    public override double Cutoff => Radial.Right;
    private bool Weighted => Type >= 24;
    private bool Narrow => Type is 21 or 24;
    private readonly double _leftRad, _rightRad;

    public CompactAngularFunction(int type, int central, int e1, int e2, double lower, double cutoff,
                                  double angleLeft, double angleRight, string subtype) : base(type, central)
    {
        if (type is not (21 or 22 or 24 or 25)) throw new ArgumentException($"Compact angular functions are types 21, 22, 24 and 25, not {type}.");
        if (type < 24 && (e1 <= 0 || e2 <= 0)) throw new ArgumentException($"Type {type} needs two neighbour elements.");
        if (lower > cutoff) throw new ArgumentException($"Lower radial boundary {lower} above the cutoff {cutoff}.");
        if (angleLeft >= angleRight) throw new ArgumentException("Left angle boundary must lie left of the right one.");
        double centre = (angleLeft + angleRight) / 2.0;
        if ((angleLeft < 0.0 && centre != 0.0) || (angleRight > 180.0 && centre != 180.0))
            throw new ArgumentException("Angle boundary outside [0, 180] needs a centre at 0 or 180 degrees.");
        var (kind, asym) = CompactFunction.ParseSubtype(subtype);
        Neighbour1 = Math.Min(e1, e2); Neighbour2 = Math.Max(e1, e2);
        Lower = lower; AngleLeft = angleLeft; AngleRight = angleRight; Subtype = subtype;
        Radial = new CompactFunction(kind, asym, lower, cutoff);
        _leftRad = angleLeft * Math.PI / 180.0;
        _rightRad = angleRight * Math.PI / 180.0;
        Angular = new CompactFunction(kind, false, _leftRad, _rightRad);
    }

    private ref struct Context
    {
        public AtomEnvironment Env;
        public double[] F, D;
        public ReadOnlySpan<double> Rjk, Cos;
        public Span<double> DN, DC;
        public bool Derivatives;
        public double Result;
    }

    public override double Compute(AtomEnvironment env, bool derivatives, Span<double> dNeighbours, Span<double> dCentre)
    {
        var (f, d) = env.CompactValues(Radial);
        var c = new Context { Env = env, F = f, D = d, Rjk = env.PairDistances, Cos = env.PairCosines, DN = dNeighbours, DC = dCentre, Derivatives = derivatives };
        double rc = Cutoff, rl = Lower;
        var r = env.R;
        if (Weighted)
        {
            int n = env.Count;
            for (int j = 0; j < n - 1; j++)
            {
                if (r[j] >= rc || r[j] <= rl) continue;
                for (int k = j + 1; k < n; k++) if (r[k] < rc && r[k] > rl) Pair(ref c, j, k);
            }
        }
        else if (Neighbour1 == Neighbour2)
        {
            var list = env.NeighboursOfElement(Neighbour1);
            for (int a = 0; a < list.Length - 1; a++)
            {
                int j = list[a];
                if (r[j] >= rc || r[j] <= rl) continue;
                for (int b = a + 1; b < list.Length; b++) if (r[list[b]] < rc && r[list[b]] > rl) Pair(ref c, j, list[b]);
            }
        }
        else
        {
            var l1 = env.NeighboursOfElement(Neighbour1);
            var l2 = env.NeighboursOfElement(Neighbour2);
            foreach (int j in l1)
            {
                if (r[j] >= rc || r[j] <= rl) continue;
                foreach (int k in l2) if (r[k] < rc && r[k] > rl) Pair(ref c, j, k);
            }
        }
        return c.Result;
    }

    private void Pair(ref Context c, int j, int k)
    {
        var env = c.Env;
        int n = env.Count, idx = j < k ? j * n + k : k * n + j;
        double rjk = 1, fjk = 1, dfjk = 0;
        if (Narrow)
        {
            rjk = c.Rjk[idx];
            double rl = Lower;
            if (rjk >= Cutoff || rjk * rjk <= (rl > 0 ? rl * rl : 0.0)) return;
            Radial.Evaluate(rjk, out fjk, out dfjk);
        }
        double cos = c.Cos[idx];
        if (cos <= -1.0 || cos >= 1.0) return;
        double theta = Math.Acos(cos);
        if (theta < _leftRad || theta > _rightRad) return;
        Angular.Evaluate(theta, out double ang, out double dang);
        double w = Weighted ? env.Z[j] * env.Z[k] : 1.0;
        double fij = c.F[j], fik = c.F[k];
        double rad = fij * fik * fjk;
        c.Result += w * rad * ang;
        if (!c.Derivatives) return;
        double rij = env.R[j], rik = env.R[k];
        double dTdcos = -w * rad * dang / Math.Sqrt(1.0 - cos * cos);
        double dTdrij = w * ang * c.D[j] * fik * fjk;
        double dTdrik = w * ang * fij * c.D[k] * fjk;
        double dTdrjk = Narrow ? w * ang * fij * fik * dfjk / rjk : 0.0;
        double aj = -dTdcos * cos / (rij * rij) + dTdrij / rij;
        double ak = -dTdcos * cos / (rik * rik) + dTdrik / rik;
        double b = dTdcos / rij / rik;
        var dx = env.Dx; var dy = env.Dy; var dz = env.Dz;
        double jx = dx[k] - dx[j], jy = dy[k] - dy[j], jz = dz[k] - dz[j];
        ExponentialRadialFunction.Accumulate(c.DN, c.DC, j,
            aj * dx[j] + b * dx[k] - dTdrjk * jx, aj * dy[j] + b * dy[k] - dTdrjk * jy, aj * dz[j] + b * dz[k] - dTdrjk * jz);
        ExponentialRadialFunction.Accumulate(c.DN, c.DC, k,
            ak * dx[k] + b * dx[j] + dTdrjk * jx, ak * dy[k] + b * dy[j] + dTdrjk * jy, ak * dz[k] + b * dz[j] + dTdrjk * jz);
    }

    public override string ToN2p2Line() => Weighted
        ? $"{Symbol(CentralElement)} {Type} {F(Lower)} {F(Cutoff)} {F(AngleLeft)} {F(AngleRight)} {Subtype}"
        : $"{Symbol(CentralElement)} {Type} {Symbol(Neighbour1)} {Symbol(Neighbour2)} {F(Lower)} {F(Cutoff)} {F(AngleLeft)} {F(AngleRight)} {Subtype}";

    internal override (string, double[]) SortKey => Weighted
        ? (Subtype, [Cutoff, Lower, AngleLeft, AngleRight])
        : (Subtype, [Neighbour1, Neighbour2, Cutoff, Lower, AngleLeft, AngleRight]);
}
