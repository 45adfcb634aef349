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

    internal bool IsWeighted => Weighted;
    internal override object GroupKey => (Type, Neighbour, CutoffFunction.Type, CutoffFunction.Radius, CutoffFunction.Alpha);
    internal override SymmetryFunctionGroup CreateGroup(SymmetryFunction[] members, int[] slots) =>
        new ExponentialRadialGroup([.. members.Cast<ExponentialRadialFunction>()], slots);

    public override string ToN2p2Line() => Weighted
        ? $"{Symbol(CentralElement)} 12 {F(Eta)} {F(Shift)} {F(Cutoff)}"
        : $"{Symbol(CentralElement)} 2 {Symbol(Neighbour)} {F(Eta)} {F(Shift)} {F(Cutoff)}";

    internal override (string, double[]) SortKey => Weighted
        ? ("", [(double)CutoffFunction.Type, CutoffFunction.Alpha, Cutoff, Eta, Shift])
        : ("", [(double)CutoffFunction.Type, CutoffFunction.Alpha, Cutoff, Eta, Shift, Neighbour]);
}
