using System.Numerics;
using System.Runtime.InteropServices;

namespace Tessera.FragmentNetworks;

/// <summary>The first layers of a fragment type's ensemble members side by side, with the input standardisation folded
/// in: z[c] = Bias[c] + sum_f raw_f W[f, c] for column c = member * hidden + k, which equals each member's first
/// pre-activation b_k + sum_f w_fk (raw_f - mean_f) / scale_f. Linear in the raw descriptor, so a descriptor that is a
/// sum of parts gives the sum of the parts' products (<see cref="SharedSubsetEvaluation"/>).</summary>
internal sealed class FoldedFirstLayer
{
    private readonly double[] _weights; // [inputs, Width] row-major
    private readonly double[][] _source; // what it was folded from: each member's first weights and biases, mean, scale
    public int Inputs { get; }
    public int Hidden { get; }
    public int Width { get; }
    public double[] Bias { get; }

    public FoldedFirstLayer(FragmentTypeNetworks type)
    {
        Inputs = type.Descriptor.Length;
        Hidden = type.Members[0].LayerSizes[1];
        int members = type.Members.Count;
        Width = members * Hidden;
        _weights = new double[Inputs * Width];
        Bias = new double[Width];
        _source = Source(type).Select(x => x.ToArray()).ToArray();
        for (int m = 0; m < members; m++)
        {
            var w = type.Members[m].Weights(0);
            var b = type.Members[m].Biases(0);
            for (int k = 0; k < Hidden; k++)
            {
                double shift = 0;
                for (int f = 0; f < Inputs; f++)
                {
                    double folded = w[f * Hidden + k] / type.InputScale[f];
                    _weights[f * Width + m * Hidden + k] = folded;
                    shift += folded * type.InputMean[f];
                }
                Bias[m * Hidden + k] = b[k] - shift;
            }
        }
    }

    /// <summary>Whether the type's parameters are still those folded here (networks are mutable: a trainer updates them
    /// in place); a comparison costs far less than the fold.</summary>
    public bool Matches(FragmentTypeNetworks type)
    {
        var now = Source(type);
        for (int i = 0; i < now.Length; i++)
            if (!now[i].Span.SequenceEqual(_source[i])) return false;
        return true;
    }

    private static ReadOnlyMemory<double>[] Source(FragmentTypeNetworks type) =>
        [.. type.Members.Select(m => m.FirstLayerParameters()), type.InputMean, type.InputScale];

    /// <summary>z += raw W over the non-zero inputs. Columns go four vectors at a time, held in registers over all rows:
    /// W is read once and z is not reloaded per row (a per-row axpy did both).</summary>
    public void AddProduct(ReadOnlySpan<double> raw, Span<double> z)
    {
        if (raw.Length != Inputs || z.Length != Width) throw new ArgumentException("Input or output length differs from the layer's.");
        int v = Vector<double>.Count, c0 = 0;
        ref double w = ref MemoryMarshal.GetArrayDataReference(_weights);
        ref double zr = ref MemoryMarshal.GetReference(z);
        if (Vector.IsHardwareAccelerated)
            for (; c0 + 4 * v <= Width; c0 += 4 * v)
            {
                var a0 = Vector.LoadUnsafe(ref zr, (nuint)c0); var a1 = Vector.LoadUnsafe(ref zr, (nuint)(c0 + v));
                var a2 = Vector.LoadUnsafe(ref zr, (nuint)(c0 + 2 * v)); var a3 = Vector.LoadUnsafe(ref zr, (nuint)(c0 + 3 * v));
                for (int f = 0; f < raw.Length; f++)
                {
                    if (raw[f] == 0) continue;
                    var r = new Vector<double>(raw[f]);
                    nuint o = (nuint)(f * Width + c0);
                    a0 += r * Vector.LoadUnsafe(ref w, o); a1 += r * Vector.LoadUnsafe(ref w, o + (nuint)v);
                    a2 += r * Vector.LoadUnsafe(ref w, o + (nuint)(2 * v)); a3 += r * Vector.LoadUnsafe(ref w, o + (nuint)(3 * v));
                }
                a0.StoreUnsafe(ref zr, (nuint)c0); a1.StoreUnsafe(ref zr, (nuint)(c0 + v));
                a2.StoreUnsafe(ref zr, (nuint)(c0 + 2 * v)); a3.StoreUnsafe(ref zr, (nuint)(c0 + 3 * v));
            }
        for (; c0 < Width; c0++)
        {
            double a = z[c0];
            for (int f = 0; f < raw.Length; f++) a += raw[f] * _weights[f * Width + c0];
            z[c0] = a;
        }
    }

    /// <summary>dEdRaw[f] += sum_c W[f, c] adjoint[c] for the inputs f of [start, start + length).</summary>
    public void AddBack(ReadOnlySpan<double> adjoint, Span<double> dEdRaw, int start, int length)
    {
        if (adjoint.Length != Width || start < 0 || start + length > Math.Min(Inputs, dEdRaw.Length))
            throw new ArgumentException("Adjoint length or input range differs from the layer's.");
        int v = Vector<double>.Count;
        int vectorWidth = Vector.IsHardwareAccelerated ? Width / v * v : 0;
        ref double w = ref MemoryMarshal.GetArrayDataReference(_weights);
        ref double g = ref MemoryMarshal.GetReference(adjoint);
        for (int f = start; f < start + length; f++)
        {
            nuint row = (nuint)(f * Width);
            var acc = Vector<double>.Zero;
            for (int c = 0; c < vectorWidth; c += v) acc += Vector.LoadUnsafe(ref w, row + (nuint)c) * Vector.LoadUnsafe(ref g, (nuint)c);
            double sum = Vector.Sum(acc);
            for (int c = vectorWidth; c < Width; c++) sum += _weights[(int)row + c] * adjoint[c];
            dEdRaw[f] += sum;
        }
    }
}
