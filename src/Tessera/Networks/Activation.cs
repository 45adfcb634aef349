namespace Tessera.Networks;

/// <summary>Activation functions, with n2p2's one-letter codes: l identity, t tanh, s logistic,
/// p softplus ln(1 + e^x), r ReLU, g Gaussian e^(-x^2/2), c cos, S 1 - logistic, e e^(-x), h x^2.</summary>
public enum Activation { Identity, Tanh, Logistic, Softplus, Relu, Gaussian, Cos, ReverseLogistic, Exp, Harmonic }

public static class Activations
{
    /// <summary>n2p2 clamps logistic and softplus beyond |x| > 35.</summary>
    private const double ExpLimit = 35.0;

    public static readonly IReadOnlyList<Activation> All = Enum.GetValues<Activation>();

    public static Activation FromCode(string code) => code switch
    {
        "l" => Activation.Identity, "t" => Activation.Tanh, "s" => Activation.Logistic, "p" => Activation.Softplus,
        "r" => Activation.Relu, "g" => Activation.Gaussian, "c" => Activation.Cos, "S" => Activation.ReverseLogistic,
        "e" => Activation.Exp, "h" => Activation.Harmonic,
        _ => throw new FormatException($"Unknown activation '{code}' (n2p2 codes: l t s p r g c S e h)."),
    };

    public static string Code(Activation a) => a switch
    {
        Activation.Identity => "l", Activation.Tanh => "t", Activation.Logistic => "s", Activation.Softplus => "p",
        Activation.Relu => "r", Activation.Gaussian => "g", Activation.Cos => "c", Activation.ReverseLogistic => "S",
        Activation.Exp => "e", _ => "h",
    };

    /// <summary>A layer's f, f' and f'' at once: tanh through TensorPrimitives (vectorised, within an ulp or two of
    /// Math.Tanh; the derivatives from the value as below), every other function one value at a time. Tanh was a sixth of
    /// the learned corrections at W21 rank 3 (64 per fragment and member pair, one call each).</summary>
    public static void Evaluate(Activation a, ReadOnlySpan<double> x, Span<double> f, Span<double> d1, Span<double> d2)
    {
        if (a != Activation.Tanh)
        {
            for (int k = 0; k < x.Length; k++) Evaluate(a, x[k], out f[k], out d1[k], out d2[k]);
            return;
        }
        System.Numerics.Tensors.TensorPrimitives.Tanh(x, f);
        for (int k = 0; k < x.Length; k++)
        {
            d1[k] = 1.0 - f[k] * f[k];
            d2[k] = -2.0 * f[k] * d1[k];
        }
    }

    /// <summary>f(x), f'(x) and f''(x) exactly as n2p2 computes them.</summary>
    public static void Evaluate(Activation a, double x, out double f, out double d1, out double d2)
    {
        switch (a)
        {
            case Activation.Identity: f = x; d1 = 1; d2 = 0; return;
            case Activation.Tanh:
                f = Math.Tanh(x); d1 = 1.0 - f * f; d2 = -2.0 * f * d1; return;
            case Activation.Logistic:
                if (x > ExpLimit) { f = 1; d1 = 0; d2 = 0; return; }
                if (x < -ExpLimit) { f = 0; d1 = 0; d2 = 0; return; }
                f = 1.0 / (1.0 + Math.Exp(-x)); d1 = f * (1.0 - f); d2 = d1 * (1.0 - 2.0 * f); return;
            case Activation.Softplus:
                if (x > ExpLimit) { f = x; d1 = 1; d2 = 0; return; }
                if (x < -ExpLimit) { f = 0; d1 = 0; d2 = 0; return; }
                double e = Math.Exp(x);
                f = Math.Log(1.0 + e); d1 = 1.0 / (1.0 + 1.0 / e); d2 = d1 * (1.0 - d1); return;
            case Activation.Relu:
                if (x > 0) { f = x; d1 = 1; } else { f = 0; d1 = 0; }
                d2 = 0; return;
            case Activation.Gaussian:
                double g = Math.Exp(-0.5 * x * x);
                f = g; d1 = -x * g; d2 = (x * x - 1.0) * g; return;
            case Activation.Cos:
                f = Math.Cos(x); d1 = -Math.Sin(x); d2 = -f; return;
            case Activation.ReverseLogistic:
                double s = 1.0 / (1.0 + Math.Exp(-x));
                f = 1.0 - s; d1 = s * (s - 1.0); d2 = d1 * (1.0 - 2.0 * s); return;
            case Activation.Exp:
                f = Math.Exp(-x); d1 = -f; d2 = f; return;
            default:
                f = x * x; d1 = 2.0 * x; d2 = 2.0; return;
        }
    }
}
