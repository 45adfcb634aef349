using System.Runtime.CompilerServices;

namespace Tessera.Descriptors;

/// <summary>A bump on [left, right]: core(|a - centre| / half-width), 1 at the centre, 0 at both ends
/// (n2p2's CompactFunction). Callers check the support; outside it the value is meaningless.</summary>
public readonly struct CompactFunction
{
    public CoreFunctionKind Kind { get; }
    public bool Asymmetric { get; }
    public double Left { get; }
    public double Right { get; }
    private readonly double _centre, _scale;

    public CompactFunction(CoreFunctionKind kind, bool asymmetric, double left, double right)
    {
        if (!(left < right)) throw new ArgumentException($"Compact function needs left < right, got [{left}, {right}].");
        Kind = kind; Asymmetric = asymmetric; Left = left; Right = right;
        _centre = (right + left) / 2.0;
        _scale = 1.0 / ((right - left) / 2.0);
    }

    /// <summary>Whether <paramref name="a"/> lies inside the open support (left, right).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Holds(double a) => a > Left && a < Right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Evaluate(double a, out double f, out double df)
    {
        double x = (a - _centre) * _scale;
        CoreFunction.Evaluate(Kind, Asymmetric, Math.Abs(x), out f, out df);
        df *= Math.CopySign(_scale, x);
    }

    /// <summary>Parses n2p2's subtype: p1-p4 (polynomials), p1a-p4a (asymmetric), e (exponential).</summary>
    public static (CoreFunctionKind Kind, bool Asymmetric) ParseSubtype(string subtype)
    {
        if (subtype == "e") return (CoreFunctionKind.Exp, false);
        if (subtype.Length is 2 or 3 && subtype[0] == 'p' && subtype[1] is >= '1' and <= '4'
            && (subtype.Length == 2 || subtype[2] == 'a'))
            return ((CoreFunctionKind)(subtype[1] - '1'), subtype.Length == 3);
        throw new ArgumentException($"Unknown compact function subtype '{subtype}' (expected p1..p4, p1a..p4a or e).");
    }
}
