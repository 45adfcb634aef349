using Tessera.Core;
using Tessera.Descriptors;
using Tessera.Networks;

namespace Tessera.FragmentNetworks;

/// <summary>The networks of one fragment type: the fragment descriptor over the type's elements, its
/// standardisation (x - mean) / scale, and an ensemble of dense networks whose scaled output y gives the
/// fragment energy (eV) OutputMean + OutputScale * y. The ensemble mean is the prediction; the spread
/// across members is the uncertainty.</summary>
public sealed class FragmentTypeNetworks
{
    public string Type { get; }
    public FragmentDescriptor Descriptor { get; }
    public double[] InputMean { get; }
    public double[] InputScale { get; }
    public double OutputMean { get; }
    public double OutputScale { get; }
    public IReadOnlyList<DenseNetwork> Members { get; }

    public FragmentTypeNetworks(string type, FragmentDescriptor descriptor, double[] inputMean, double[] inputScale,
                                double outputMean, double outputScale, IReadOnlyList<DenseNetwork> members)
    {
        if (members.Count == 0) throw new ArgumentException($"Fragment type {type} has no networks.");
        if (inputMean.Length != descriptor.Length || inputScale.Length != descriptor.Length)
            throw new ArgumentException($"Fragment type {type}: scaling has {inputMean.Length}/{inputScale.Length} entries, descriptor {descriptor.Length}.");
        if (inputScale.Any(s => !(s > 0)) || !(OutputScaleValid(outputScale)))
            throw new ArgumentException($"Fragment type {type}: scales must be positive.");
        foreach (var m in members)
            if (m.InputCount != descriptor.Length || m.OutputCount != 1)
                throw new ArgumentException($"Fragment type {type}: network {string.Join("-", m.LayerSizes)} does not map {descriptor.Length} inputs to 1 output.");
        if (members.Select(m => string.Join("-", m.LayerSizes)).Distinct().Count() != 1)
            throw new ArgumentException($"Fragment type {type}: ensemble members must share one architecture.");
        Type = type; Descriptor = descriptor; InputMean = inputMean; InputScale = inputScale;
        OutputMean = outputMean; OutputScale = outputScale; Members = members;
    }

    private static bool OutputScaleValid(double s) => s > 0 && double.IsFinite(s);

    /// <summary>Untrained networks (seeded Glorot-uniform weights) for a type.</summary>
    public static FragmentTypeNetworks CreateUntrained(string type, FragmentDescriptor descriptor, double[] inputMean, double[] inputScale,
                                                       double outputMean, double outputScale, IReadOnlyList<int> hidden,
                                                       Activation activation, int members, int seed)
    {
        var sizes = new List<int> { descriptor.Length };
        sizes.AddRange(hidden);
        sizes.Add(1);
        var acts = Enumerable.Repeat(activation, hidden.Count).Append(Activation.Identity).ToArray();
        var nets = new DenseNetwork[members];
        for (int m = 0; m < members; m++)
        {
            var net = new DenseNetwork(sizes, acts);
            GlorotInitialisation.Apply(net, new Random(Mix(seed, m, StableHash(type))));
            nets[m] = net;
        }
        return new FragmentTypeNetworks(type, descriptor, inputMean, inputScale, outputMean, outputScale, nets);
    }

    /// <summary>A seed from several integers, the same in every process (HashCode.Combine is randomised per process).</summary>
    internal static int Mix(params int[] values)
    {
        unchecked
        {
            uint h = 2166136261;
            foreach (int v in values) h = (h ^ (uint)v) * 16777619;
            return (int)(h & 0x7fffffff);
        }
    }

    /// <summary>A hash of the type key that is the same in every process (string.GetHashCode is not).</summary>
    internal static int StableHash(string s)
    {
        unchecked
        {
            int h = 17;
            foreach (char c in s) h = h * 31 + c;
            return h;
        }
    }

    /// <summary>Raw descriptor into <paramref name="raw"/>, standardised into <paramref name="scaled"/>.</summary>
    public void Features(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> units, Span<double> raw, Span<double> scaled)
    {
        Descriptor.Compute(numbers, positions, units, raw);
        for (int f = 0; f < raw.Length; f++) scaled[f] = (raw[f] - InputMean[f]) / InputScale[f];
    }

    /// <summary>Energy (eV) of member <paramref name="member"/> from standardised features; when
    /// <paramref name="dEdRaw"/> is not empty, adds <paramref name="weight"/> * dE/d(raw feature) to it.</summary>
    public double Evaluate(int member, ReadOnlySpan<double> scaled, NetworkWorkspace ws, Span<double> dEdRaw, double weight, Span<double> scratch)
    {
        var net = Members[member];
        double y = net.Forward(scaled, ws)[0];
        if (!dEdRaw.IsEmpty)
        {
            ReadOnlySpan<double> seed = [1.0];
            net.InputGradient(ws, seed, scratch);
            double c = weight * OutputScale;
            for (int f = 0; f < dEdRaw.Length; f++) dEdRaw[f] += c * scratch[f] / InputScale[f];
        }
        return OutputMean + OutputScale * y;
    }
}
