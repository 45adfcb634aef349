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

    internal bool IsWeighted => Weighted;
    internal bool IsNarrow => Narrow;
    internal double LeftRadians => _leftRad;
    internal double RightRadians => _rightRad;

    /// <summary>Every function of one type and element pair shares a group: one angle per pair for all of them.</summary>
    internal override object GroupKey => (Type, Neighbour1, Neighbour2);
    internal override SymmetryFunctionGroup CreateGroup(SymmetryFunction[] members, int[] slots) =>
        new CompactAngularGroup([.. members.Cast<CompactAngularFunction>()], slots);

    public override string ToN2p2Line() => Weighted
        ? $"{Symbol(CentralElement)} {Type} {F(Lower)} {F(Cutoff)} {F(AngleLeft)} {F(AngleRight)} {Subtype}"
        : $"{Symbol(CentralElement)} {Type} {Symbol(Neighbour1)} {Symbol(Neighbour2)} {F(Lower)} {F(Cutoff)} {F(AngleLeft)} {F(AngleRight)} {Subtype}";

    internal override (string, double[]) SortKey => Weighted
        ? (Subtype, [Cutoff, Lower, AngleLeft, AngleRight])
        : (Subtype, [Neighbour1, Neighbour2, Cutoff, Lower, AngleLeft, AngleRight]);
}
