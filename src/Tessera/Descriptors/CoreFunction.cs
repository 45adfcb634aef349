using System.Runtime.CompilerServices;

namespace Tessera.Descriptors;

/// <summary>n2p2's core functions on x in [0, 1], each falling from f(0) = 1 to f(1) = 0:
/// Poly1 (2x - 3)x^2 + 1, Poly2 ((15 - 6x)x - 10)x^3 + 1, Poly3 (x(x(20x - 70) + 84) - 35)x^4 + 1,
/// Poly4 (x(x((315 - 70x)x - 540) + 420) - 126)x^5 + 1, Exp e^(1 - 1/(1 - x^2)).
/// The asymmetric variant evaluates f((2 - x)x), flat at x = 1 ... steep at x = 0 (n2p2's "p2a").</summary>
public enum CoreFunctionKind { Poly1, Poly2, Poly3, Poly4, Exp }

public static class CoreFunction
{
    /// <summary>f(x) and df/dx. The asymmetric form chains through y = (2 - x)x. Inlined: angular groups call it
    /// for every window and radial function of every pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Evaluate(CoreFunctionKind kind, bool asymmetric, double x, out double f, out double df)
    {
        if (!asymmetric) { Plain(kind, x, out f, out df); return; }
        Plain(kind, (2.0 - x) * x, out f, out df);
        df *= 2.0 - 2.0 * x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Plain(CoreFunctionKind kind, double x, out double f, out double df)
    {
        double x2 = x * x;
        switch (kind)
        {
            case CoreFunctionKind.Poly1:
                f = (2.0 * x - 3.0) * x2 + 1.0;
                df = x * (6.0 * x - 6.0);
                break;
            case CoreFunctionKind.Poly2:
                f = ((15.0 - 6.0 * x) * x - 10.0) * x * x2 + 1.0;
                df = x2 * ((60.0 - 30.0 * x) * x - 30.0);
                break;
            case CoreFunctionKind.Poly3:
                f = (x * (x * (20.0 * x - 70.0) + 84.0) - 35.0) * x2 * x2 + 1.0;
                df = x2 * x * (x * (x * (140.0 * x - 420.0) + 420.0) - 140.0);
                break;
            case CoreFunctionKind.Poly4:
                double x4 = x2 * x2;
                f = (x * (x * ((315.0 - 70.0 * x) * x - 540.0) + 420.0) - 126.0) * x * x4 + 1.0;
                df = x4 * (x * (x * ((2520.0 - 630.0 * x) * x - 3780.0) + 2520.0) - 630.0);
                break;
            default:
                double t = 1.0 / (x2 - 1.0);
                double e = Math.Exp(t);
                f = Math.E * e;
                df = -2.0 * Math.E * x * t * t * e;
                break;
        }
    }
}
