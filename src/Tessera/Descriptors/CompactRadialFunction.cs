namespace Tessera.Descriptors;

/// <summary>Polynomial (compact) radial functions. Type 20: G = sum_{j of element e1, r_l &lt; r_ij &lt; r_c} C(r_ij),
/// C the <see cref="CompactFunction"/> on [r_l, r_c] (with r_l &lt; 0 it is centred on r = 0, a cutoff-like
/// decay). Type 23 (weighted): the same over all neighbours, weighted by Z_j.</summary>
public sealed class CompactRadialFunction : SymmetryFunction
{
    public int Neighbour { get; }
    public double Lower { get; }
    public string Subtype { get; }
    public CompactFunction Radial { get; }
    public override double Cutoff => Radial.Right;
    private bool Weighted => Type == 23;

    public CompactRadialFunction(int type, int central, int neighbour, double lower, double cutoff, string subtype)
        : base(type, central)
    {
        if (type is not (20 or 23)) throw new ArgumentException($"Compact radial functions are types 20 and 23, not {type}.");
        if (type == 20 && neighbour <= 0) throw new ArgumentException("Type 20 needs a neighbour element.");
        if (lower > cutoff) throw new ArgumentException($"Lower radial boundary {lower} above the cutoff {cutoff}.");
        var (kind, asym) = CompactFunction.ParseSubtype(subtype);
        Neighbour = type == 23 ? 0 : neighbour; Lower = lower; Subtype = subtype;
        Radial = new CompactFunction(kind, asym, lower, cutoff);
    }

    internal bool IsWeighted => Weighted;
    internal override object GroupKey => (Type, Neighbour);
    internal override SymmetryFunctionGroup CreateGroup(SymmetryFunction[] members, int[] slots) =>
        new CompactRadialGroup([.. members.Cast<CompactRadialFunction>()], slots);

    public override string ToN2p2Line() => Weighted
        ? $"{Symbol(CentralElement)} 23 {F(Lower)} {F(Cutoff)} {Subtype}"
        : $"{Symbol(CentralElement)} 20 {Symbol(Neighbour)} {F(Lower)} {F(Cutoff)} {Subtype}";

    internal override (string, double[]) SortKey => Weighted
        ? (Subtype, [Cutoff, Lower])
        : (Subtype, [Neighbour, Cutoff, Lower]);
}
