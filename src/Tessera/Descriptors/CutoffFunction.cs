namespace Tessera.Descriptors;

/// <summary>n2p2's cutoff function types, numbered as in input.nn's cutoff_type.</summary>
public enum CutoffType { Hard = 0, Cos = 1, TanhU = 2, Tanh = 3, Exp = 4, Poly1 = 5, Poly2 = 6, Poly3 = 7, Poly4 = 8 }

/// <summary>The cutoff f_c(r): 1 below the inner cutoff r_ci = alpha r_c, f(x) with x = (r - r_ci)/(r_c - r_ci)
/// between, 0 from r_c on. Cos: f = (cos(pi x) + 1)/2; TanhU: tanh^3(1 - r/r_c); Tanh: the same scaled to
/// f(0) = 1 (neither uses alpha); Exp and Poly1-4: the <see cref="CoreFunction"/>s. Hard: 1 inside.</summary>
public readonly struct CutoffFunction
{
    private static readonly double TanhPre = Math.Pow((Math.E + 1 / Math.E) / (Math.E - 1 / Math.E), 3);

    public CutoffType Type { get; }
    public double Radius { get; }
    public double Alpha { get; }
    private readonly double _inner, _inverseWidth, _inverseRadius;

    public CutoffFunction(CutoffType type, double radius, double alpha)
    {
        if (!(radius > 0)) throw new ArgumentOutOfRangeException(nameof(radius), $"Cutoff radius must be positive, got {radius}.");
        if (alpha < 0 || alpha >= 1) throw new ArgumentOutOfRangeException(nameof(alpha), $"0 <= alpha < 1 is required, got {alpha}.");
        if (!Enum.IsDefined(type)) throw new ArgumentOutOfRangeException(nameof(type), $"Unknown cutoff type {(int)type}.");
        Type = type; Radius = radius; Alpha = alpha;
        _inner = radius * alpha;
        _inverseWidth = 1.0 / (radius - _inner);
        _inverseRadius = 1.0 / radius;
    }

    /// <summary>f_c(r) and df_c/dr. Inlined: angular groups call it for r_jk of every pair, and a call there spills
    /// the pair's registers.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Evaluate(double r, out double f, out double df)
    {
        if (r >= Radius) { f = 0; df = 0; return; }
        switch (Type)
        {
            case CutoffType.Hard: f = 1; df = 0; return;
            case CutoffType.TanhU:
            case CutoffType.Tanh:
                // tanh(y) = (1 - e^-2y)/(1 + e^-2y), y in (0, 1]: one exp instead of Math.Tanh's expm1 (a third of
                // the water box's r_jk cutoffs' time); the cancellation near r_c costs relative accuracy of t only
                // where f = t^3 is below 1e-9, i.e. absolute errors under 1e-21.
                double e = Math.Exp(-2.0 * (1.0 - r * _inverseRadius));
                double t = (1.0 - e) / (1.0 + e);
                double t2 = t * t;
                double pre = Type == CutoffType.Tanh ? TanhPre : 1.0;
                f = pre * t * t2;
                df = 3.0 * pre * t2 * (t2 - 1.0) * _inverseRadius;
                return;
        }
        if (r < _inner) { f = 1; df = 0; return; }
        double x = (r - _inner) * _inverseWidth;
        if (Type == CutoffType.Cos)
        {
            f = 0.5 * (Math.Cos(Math.PI * x) + 1.0);
            df = -0.5 * Math.PI * _inverseWidth * Math.Sin(Math.PI * x);
            return;
        }
        CoreFunction.Evaluate(CoreKind(Type), false, x, out f, out df);
        df *= _inverseWidth;
    }

    private static CoreFunctionKind CoreKind(CutoffType t) => t switch
    {
        CutoffType.Exp => CoreFunctionKind.Exp,
        CutoffType.Poly1 => CoreFunctionKind.Poly1,
        CutoffType.Poly2 => CoreFunctionKind.Poly2,
        CutoffType.Poly3 => CoreFunctionKind.Poly3,
        _ => CoreFunctionKind.Poly4,
    };
}
