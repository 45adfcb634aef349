using System.Numerics;

namespace Tessera.Networks;

/// <summary>A fully connected feed-forward network, inputs span -> outputs span, shared by atomic
/// (Behler-Parrinello) and fragment models. Parameters are one flat array in n2p2's order: for each
/// layer, the weights w[j, k] from neuron j of the previous layer to neuron k (index j * nOut + k),
/// then that layer's biases. Gradients: with respect to inputs (forces), parameters (energy loss) and
/// the parameter gradient of a directional input derivative (force loss). Thread-safe for evaluation:
/// all per-call state lives in a <see cref="NetworkWorkspace"/>.</summary>
public sealed class DenseNetwork
{
    /// <summary>Neurons per layer, input first, output last.</summary>
    public IReadOnlyList<int> LayerSizes => _sizes;
    /// <summary>Activation of each layer after the input (length LayerSizes.Count - 1).</summary>
    public IReadOnlyList<Activation> LayerActivations => _activations;
    /// <summary>Weights and biases, n2p2 order. Mutable: optimisers update it in place.</summary>
    public double[] Parameters { get; }
    public int InputCount => _sizes[0];
    public int OutputCount => _sizes[^1];
    internal int LayerCount => _sizes.Length - 1;
    private readonly int[] _sizes;
    private readonly Activation[] _activations;
    private readonly int[] _weightOffset, _biasOffset;

    public DenseNetwork(IReadOnlyList<int> layerSizes, IReadOnlyList<Activation> activations, double[]? parameters = null)
    {
        if (layerSizes.Count < 2) throw new ArgumentException("A network needs at least an input and an output layer.");
        if (activations.Count != layerSizes.Count - 1)
            throw new ArgumentException($"{layerSizes.Count - 1} activations needed, got {activations.Count}.");
        if (layerSizes.Any(n => n < 1)) throw new ArgumentException("Every layer needs at least one neuron.");
        _sizes = [.. layerSizes];
        _activations = [.. activations];
        _weightOffset = new int[LayerCount];
        _biasOffset = new int[LayerCount];
        int offset = 0;
        for (int l = 0; l < LayerCount; l++)
        {
            _weightOffset[l] = offset;
            offset += _sizes[l] * _sizes[l + 1];
            _biasOffset[l] = offset;
            offset += _sizes[l + 1];
        }
        if (parameters is not null && parameters.Length != offset)
            throw new ArgumentException($"Network {string.Join("-", _sizes)} has {offset} parameters, got {parameters.Length}.");
        Parameters = parameters ?? new double[offset];
    }

    public int ParameterCount => Parameters.Length;

    public DenseNetwork Clone() => new(_sizes, _activations, (double[])Parameters.Clone());

    public NetworkWorkspace CreateWorkspace() => new(_sizes);

    /// <summary>Weights of layer l (0-based after the input) as a row-major [nIn, nOut] block.</summary>
    internal ReadOnlySpan<double> Weights(int l) => Parameters.AsSpan(_weightOffset[l], _sizes[l] * _sizes[l + 1]);
    internal ReadOnlySpan<double> Biases(int l) => Parameters.AsSpan(_biasOffset[l], _sizes[l + 1]);
    /// <summary>The first layer's weights and biases (contiguous in n2p2's order).</summary>
    internal ReadOnlyMemory<double> FirstLayerParameters() => Parameters.AsMemory(0, _biasOffset[0] + _sizes[1]);

    /// <summary>Forward pass; the returned span lives in the workspace until the next call.</summary>
    public ReadOnlySpan<double> Forward(ReadOnlySpan<double> input, NetworkWorkspace ws)
    {
        if (input.Length != InputCount) throw new ArgumentException($"Network expects {InputCount} inputs, got {input.Length}.");
        input.CopyTo(ws.Values[0]);
        MultiplyAdd(ws.Values[0], Weights(0), ws.Pre[1], Biases(0));
        return ForwardFromFirstLayer(ws);
    }

    /// <summary>The forward pass from the first layer's pre-activations, which the caller has written into the
    /// workspace (<see cref="FirstLayerPre"/>): for a first layer applied elsewhere, e.g. summed from parts of a linear
    /// input. Parameter gradients need <see cref="Forward"/> (they read the inputs).</summary>
    internal ReadOnlySpan<double> ForwardFromFirstLayer(NetworkWorkspace ws)
    {
        for (int l = 0; l < LayerCount; l++)
        {
            var z = ws.Pre[l + 1].AsSpan();
            if (l > 0) MultiplyAdd(ws.Values[l], Weights(l), z, Biases(l));
            var a = ws.Values[l + 1]; var d1 = ws.D1[l + 1]; var d2 = ws.D2[l + 1];
            Activations.Evaluate(_activations[l], z, a, d1, d2);
        }
        ws.HasTangent = false;
        return ws.Values[LayerCount];
    }

    /// <summary>z = bias + x W (W row-major [x.Length, z.Length]), summed over inputs in order, bias last.</summary>
    private static void MultiplyAdd(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> z, ReadOnlySpan<double> bias)
    {
        int nOut = z.Length;
        z.Clear();
        for (int j = 0; j < x.Length; j++) Axpy(x[j], w.Slice(j * nOut, nOut), z);
        for (int k = 0; k < nOut; k++) z[k] += bias[k];
    }

    /// <summary>y += a x, vectorised.</summary>
    internal static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int k = 0, n = y.Length, w = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<double>(a);
            for (; k <= n - w; k += w) (new Vector<double>(y.Slice(k)) + va * new Vector<double>(x.Slice(k))).CopyTo(y.Slice(k));
        }
        for (; k < n; k++) y[k] += a * x[k];
    }

    /// <summary>y[j] = sum_k W[j, k] g[k] for every row j.</summary>
    private static void MultiplyRows(ReadOnlySpan<double> w, ReadOnlySpan<double> g, Span<double> y)
    {
        int nOut = g.Length;
        for (int j = 0; j < y.Length; j++) y[j] = Dot(w.Slice(j * nOut, nOut), g);
    }

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int k = 0, n = a.Length, w = Vector<double>.Count;
        double s = 0;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            var acc = Vector<double>.Zero;
            for (; k <= n - w; k += w) acc += new Vector<double>(a.Slice(k)) * new Vector<double>(b.Slice(k));
            s = Vector.Sum(acc);
        }
        for (; k < n; k++) s += a[k] * b[k];
        return s;
    }

    /// <summary>After <see cref="Forward"/>: gradient of sum_o seed_o out_o with respect to the inputs.</summary>
    public void InputGradient(NetworkWorkspace ws, ReadOnlySpan<double> outputSeed, Span<double> inputGradient) =>
        MultiplyRows(Weights(0), FirstLayerAdjoint(ws, outputSeed), inputGradient);

    /// <summary>After a forward pass: gradient of sum_o seed_o out_o with respect to the first layer's pre-activations;
    /// the span lives in the workspace until the next call.</summary>
    internal ReadOnlySpan<double> FirstLayerAdjoint(NetworkWorkspace ws, ReadOnlySpan<double> outputSeed)
    {
        var g = ws.Adjoint[LayerCount].AsSpan();
        var d1 = ws.D1[LayerCount];
        for (int k = 0; k < g.Length; k++) g[k] = outputSeed[k] * d1[k];
        for (int l = LayerCount - 1; l >= 1; l--)
        {
            var target = ws.Adjoint[l].AsSpan();
            MultiplyRows(Weights(l), ws.Adjoint[l + 1], target);
            var dl = ws.D1[l];
            for (int j = 0; j < target.Length; j++) target[j] *= dl[j];
        }
        return ws.Adjoint[1];
    }

    /// <summary>Where <see cref="ForwardFromFirstLayer"/> reads the first layer's pre-activations.</summary>
    internal static Span<double> FirstLayerPre(NetworkWorkspace ws) => ws.Pre[1];

    /// <summary>After <see cref="Forward"/>: tangent of the outputs along the input direction v (J v),
    /// kept in the workspace for <see cref="AccumulateParameterGradient"/>.</summary>
    public ReadOnlySpan<double> Tangent(NetworkWorkspace ws, ReadOnlySpan<double> direction)
    {
        direction.CopyTo(ws.TangentValues[0]);
        for (int l = 0; l < LayerCount; l++)
        {
            var zt = ws.TangentPre[l + 1].AsSpan();
            zt.Clear();
            var w = Weights(l); int nOut = zt.Length; var prev = ws.TangentValues[l];
            for (int j = 0; j < prev.Length; j++) Axpy(prev[j], w.Slice(j * nOut, nOut), zt);
            var at = ws.TangentValues[l + 1]; var d1 = ws.D1[l + 1];
            for (int k = 0; k < nOut; k++) at[k] = d1[k] * zt[k];
        }
        ws.HasTangent = true;
        return ws.TangentValues[LayerCount];
    }

    /// <summary>grad += d/dparameters [ valueSeed . out + tangentSeed . (J v) ], J v from the last
    /// <see cref="Tangent"/> call (tangentSeed is ignored when none was made). With valueSeed = dL/dE this is
    /// the energy-loss gradient; with tangentSeed it is the parameter gradient of a force loss.</summary>
    public void AccumulateParameterGradient(NetworkWorkspace ws, ReadOnlySpan<double> valueSeed,
                                            ReadOnlySpan<double> tangentSeed, Span<double> grad)
    {
        bool tangent = ws.HasTangent && !tangentSeed.IsEmpty;
        var a = ws.Adjoint[LayerCount].AsSpan();
        var t = ws.TangentAdjoint[LayerCount].AsSpan();
        for (int k = 0; k < a.Length; k++) { a[k] = valueSeed.IsEmpty ? 0 : valueSeed[k]; t[k] = tangent ? tangentSeed[k] : 0; }
        for (int l = LayerCount - 1; l >= 0; l--)
        {
            int nOut = _sizes[l + 1];
            var zbar = ws.Scratch1.AsSpan(0, nOut);
            var ztbar = ws.Scratch2.AsSpan(0, nOut);
            var d1 = ws.D1[l + 1]; var d2 = ws.D2[l + 1];
            var abar = ws.Adjoint[l + 1]; var atbar = ws.TangentAdjoint[l + 1];
            for (int k = 0; k < nOut; k++)
            {
                zbar[k] = abar[k] * d1[k];
                if (tangent) { zbar[k] += atbar[k] * d2[k] * ws.TangentPre[l + 1][k]; ztbar[k] = atbar[k] * d1[k]; }
            }
            var gw = grad.Slice(_weightOffset[l], _sizes[l] * nOut);
            var prev = ws.Values[l]; var prevT = ws.TangentValues[l];
            for (int j = 0; j < prev.Length; j++)
            {
                Axpy(prev[j], zbar, gw.Slice(j * nOut, nOut));
                if (tangent) Axpy(prevT[j], ztbar, gw.Slice(j * nOut, nOut));
            }
            var gb = grad.Slice(_biasOffset[l], nOut);
            for (int k = 0; k < nOut; k++) gb[k] += zbar[k];
            if (l == 0) break;
            MultiplyRows(Weights(l), zbar, ws.Adjoint[l]);
            if (tangent) MultiplyRows(Weights(l), ztbar, ws.TangentAdjoint[l]);
        }
    }
}
