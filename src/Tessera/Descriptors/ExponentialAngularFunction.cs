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

    internal bool IsNarrow => Narrow;
    internal bool IsWeighted => Weighted;
    internal int IntegerZeta => _zetaInt;
    internal bool HasIntegerZeta => _integerZeta;
    internal double PNorm => _pnorm;

    /// <summary>Functions that agree on it share every pair's geometry, angular parts and cutoff values: narrow
    /// and wide ones of the same elements and cutoff walk the same pairs.</summary>
    internal override object GroupKey => (Weighted, Neighbour1, Neighbour2, CutoffFunction.Type, CutoffFunction.Radius, CutoffFunction.Alpha);
    internal override SymmetryFunctionGroup CreateGroup(SymmetryFunction[] members, int[] slots) =>
        new ExponentialAngularGroup([.. members.Cast<ExponentialAngularFunction>()], slots);

    public override string ToN2p2Line() => Weighted
        ? $"{Symbol(CentralElement)} 13 {F(Eta)} {F(Shift)} {F(Lambda)} {F(Zeta)} {F(Cutoff)}"
        : $"{Symbol(CentralElement)} {Type} {Symbol(Neighbour1)} {Symbol(Neighbour2)} {F(Eta)} {F(Lambda)} {F(Zeta)} {F(Cutoff)} {F(Shift)}";

    internal override (string, double[]) SortKey => Weighted
        ? ("", [(double)CutoffFunction.Type, CutoffFunction.Alpha, Cutoff, Eta, Shift, Zeta, Lambda])
        : ("", [(double)CutoffFunction.Type, CutoffFunction.Alpha, Cutoff, Eta, Shift, Zeta, Lambda, Neighbour1, Neighbour2]);
}
