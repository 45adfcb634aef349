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

    public override double Compute(AtomEnvironment env, bool derivatives, Span<double> dNeighbours, Span<double> dCentre)
    {
        double rc = Cutoff, rl = Lower, r2c = rc * rc, r2l = rl > 0 ? rl * rl : 0.0, result = 0;
        var r = env.R; var z = env.Z; var dx = env.Dx; var dy = env.Dy; var dz = env.Dz;
        int n = env.Count;
        for (int j = 0; j < n - 1; j++)
        {
            double rij = r[j], zj = z[j];
            if (rij >= rc || rij <= rl || (!Weighted && zj != Neighbour1 && zj != Neighbour2)) continue;
            Radial.Evaluate(rij, out double fij, out double dfij);
            for (int k = j + 1; k < n; k++)
            {
                double rik = r[k], zk = z[k];
                if (rik >= rc || rik <= rl) continue;
                if (!Weighted && !((zj == Neighbour1 && zk == Neighbour2) || (zj == Neighbour2 && zk == Neighbour1))) continue;
                double jx = dx[k] - dx[j], jy = dy[k] - dy[j], jz = dz[k] - dz[j];
                double rjk = 1, fjk = 1, dfjk = 0;
                if (Narrow)
                {
                    double rjk2 = jx * jx + jy * jy + jz * jz;
                    if (rjk2 >= r2c || rjk2 <= r2l) continue;
                    rjk = Math.Sqrt(rjk2);
                }
                Radial.Evaluate(rik, out double fik, out double dfik);
                if (Narrow) Radial.Evaluate(rjk, out fjk, out dfjk);
                double inv = 1.0 / rij / rik;
                double cos = (dx[j] * dx[k] + dy[j] * dy[k] + dz[j] * dz[k]) * inv;
                if (cos <= -1.0 || cos >= 1.0) continue;
                double theta = Math.Acos(cos);
                if (theta < _leftRad || theta > _rightRad) continue;
                Angular.Evaluate(theta, out double ang, out double dang);
                double w = Weighted ? zj * zk : 1.0;
                double rad = fij * fik * fjk;
                result += w * rad * ang;
                if (!derivatives) continue;
                double dTdcos = -w * rad * dang / Math.Sqrt(1.0 - cos * cos);
                double dTdrij = w * ang * dfij * fik * fjk;
                double dTdrik = w * ang * fij * dfik * fjk;
                double dTdrjk = Narrow ? w * ang * fij * fik * dfjk / rjk : 0.0;
                double aj = -dTdcos * cos / (rij * rij) + dTdrij / rij;
                double ak = -dTdcos * cos / (rik * rik) + dTdrik / rik;
                double b = dTdcos * inv;
                ExponentialRadialFunction.Accumulate(dNeighbours, dCentre, j,
                    aj * dx[j] + b * dx[k] - dTdrjk * jx, aj * dy[j] + b * dy[k] - dTdrjk * jy, aj * dz[j] + b * dz[k] - dTdrjk * jz);
                ExponentialRadialFunction.Accumulate(dNeighbours, dCentre, k,
                    ak * dx[k] + b * dx[j] + dTdrjk * jx, ak * dy[k] + b * dy[j] + dTdrjk * jy, ak * dz[k] + b * dz[j] + dTdrjk * jz);
            }
        }
        return result;
    }

    public override string ToN2p2Line() => Weighted
        ? $"{Symbol(CentralElement)} {Type} {F(Lower)} {F(Cutoff)} {F(AngleLeft)} {F(AngleRight)} {Subtype}"
        : $"{Symbol(CentralElement)} {Type} {Symbol(Neighbour1)} {Symbol(Neighbour2)} {F(Lower)} {F(Cutoff)} {F(AngleLeft)} {F(AngleRight)} {Subtype}";

    internal override (string, double[]) SortKey => Weighted
        ? (Subtype, [Cutoff, Lower, AngleLeft, AngleRight])
        : (Subtype, [Neighbour1, Neighbour2, Cutoff, Lower, AngleLeft, AngleRight]);
}
