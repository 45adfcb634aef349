namespace Tessera.Descriptors;

/// <summary>Radial Gaussians. Type 2: G = sum_{j of element e1} exp(-eta (r_ij - r_s)^2) f_c(r_ij).
/// Type 12 (weighted): the same over all neighbours, each weighted by its atomic number Z_j.</summary>
public sealed class ExponentialRadialFunction : SymmetryFunction
{
    public double Eta { get; }
    public double Shift { get; }
    /// <summary>Neighbour element (type 2); 0 for the weighted type 12.</summary>
    public int Neighbour { get; }
    public CutoffFunction CutoffFunction { get; }
    public override double Cutoff => CutoffFunction.Radius;
    private bool Weighted => Type == 12;

    public ExponentialRadialFunction(int type, int central, int neighbour, double eta, double shift, CutoffFunction cutoff)
        : base(type, central)
    {
        if (type is not (2 or 12)) throw new ArgumentException($"Radial exponential functions are types 2 and 12, not {type}.");
        if (type == 2 && neighbour <= 0) throw new ArgumentException("Type 2 needs a neighbour element.");
        Neighbour = type == 12 ? 0 : neighbour; Eta = eta; Shift = shift; CutoffFunction = cutoff;
    }

    public override double Compute(AtomEnvironment env, bool derivatives, Span<double> dNeighbours, Span<double> dCentre)
    {
        var (fcv, dfcv) = env.CutoffValues(CutoffFunction);
        double result = 0;
        if (Weighted)
            for (int j = 0; j < env.Count; j++) result += Term(env, j, env.Z[j], fcv, dfcv, derivatives, dNeighbours, dCentre);
        else
            foreach (int j in env.NeighboursOfElement(Neighbour)) result += Term(env, j, 1.0, fcv, dfcv, derivatives, dNeighbours, dCentre);
        return result;
    }

    private double Term(AtomEnvironment env, int j, double w, double[] fcv, double[] dfcv, bool derivatives, Span<double> dn, Span<double> dc)
    {
        double rij = env.R[j];
        if (rij >= Cutoff) return 0;
        double rs = rij - Shift;
        double pexp = w * Math.Exp(-Eta * rs * rs);
        double fc = fcv[j];
        if (derivatives)
        {
            double p = (dfcv[j] - 2.0 * Eta * rs * fc) * pexp / rij;
            Accumulate(dn, dc, j, p * env.Dx[j], p * env.Dy[j], p * env.Dz[j]);
        }
        return pexp * fc;
    }

    internal static void Accumulate(Span<double> dNeighbours, Span<double> dCentre, int j, double gx, double gy, double gz)
    {
        dNeighbours[3 * j] += gx; dNeighbours[3 * j + 1] += gy; dNeighbours[3 * j + 2] += gz;
        dCentre[0] -= gx; dCentre[1] -= gy; dCentre[2] -= gz;
    }

    public override string ToN2p2Line() => Weighted
        ? $"{Symbol(CentralElement)} 12 {F(Eta)} {F(Shift)} {F(Cutoff)}"
        : $"{Symbol(CentralElement)} 2 {Symbol(Neighbour)} {F(Eta)} {F(Shift)} {F(Cutoff)}";

    internal override (string, double[]) SortKey => Weighted
        ? ("", [(double)CutoffFunction.Type, CutoffFunction.Alpha, Cutoff, Eta, Shift])
        : ("", [(double)CutoffFunction.Type, CutoffFunction.Alpha, Cutoff, Eta, Shift, Neighbour]);
}
