namespace Tessera.Fragments;

/// <summary>Shape of the edge switch between r_on and r_off.</summary>
public enum SwitchKind
{
    /// <summary>Quintic smoothstep S(x) = 1 - 10x^3 + 15x^4 - 6x^5: C2 (value, slope and curvature
    /// match the constants 1 and 0 at both ends), which velocity Verlet needs for bounded drift,
    /// and cheap; its curvature is modest (max |S''| = 5.77 per width^2).</summary>
    Quintic,
    /// <summary>S(x) = g(1-x) / (g(x) + g(1-x)), g(t) = exp(-1/t): C-infinity (every derivative
    /// vanishes at both ends) at the price of a steeper middle (max |S'| = 2 per width vs 1.875).</summary>
    Smooth,
}

/// <summary>Switching function f(d) = 1 for d &lt;= r_on, 0 for d &gt;= r_off, smooth in between.
/// With r_on = r_off it is a hard step (the original method's cutoff) with zero derivative.</summary>
public readonly record struct SwitchingFunction(double On, double Off, SwitchKind Kind)
{
    public bool IsHard => Off <= On;

    /// <summary>Value f(d) and derivative df/dd (per Angstrom).</summary>
    public double Evaluate(double d, out double derivative)
    {
        derivative = 0;
        if (IsHard) return d < Off ? 1.0 : 0.0;
        if (d <= On) return 1.0;
        if (d >= Off) return 0.0;
        double width = Off - On, x = (d - On) / width;
        double value = Kind == SwitchKind.Quintic ? Quintic(x, out double dx) : Bump(x, out dx);
        derivative = dx / width;
        return value;
    }

    private static double Quintic(double x, out double dx)
    {
        double x2 = x * x;
        dx = -30 * x2 * (1 - x) * (1 - x);
        return 1 - x * x2 * (10 - 15 * x + 6 * x2);
    }

    private static double Bump(double x, out double dx)
    {
        // g(t) = exp(-1/t), g'(t) = g(t)/t^2; S = b/(a+b), a = g(x), b = g(1-x).
        double a = Math.Exp(-1 / x), b = Math.Exp(-1 / (1 - x));
        double da = a / (x * x), db = -b / ((1 - x) * (1 - x));
        double sum = a + b;
        dx = (db * sum - b * (da + db)) / (sum * sum);
        return b / sum;
    }
}
