using Tessera.Networks;

namespace Tessera.FragmentNetworks;

/// <summary>Per-thread buffers of fragment predictions: one set per fragment type, made on first use.</summary>
public sealed class FragmentWorkspace
{
    private readonly Dictionary<FragmentTypeNetworks, Buffers> _byType = new(ReferenceEqualityComparer.Instance);

    internal sealed class Buffers(FragmentTypeNetworks t)
    {
        public double[] Raw { get; } = new double[t.Descriptor.Length];
        public double[] Scaled { get; } = new double[t.Descriptor.Length];
        public double[] DEdRaw { get; } = new double[t.Descriptor.Length];
        public double[] Scratch { get; } = new double[t.Descriptor.Length];
        public NetworkWorkspace Network { get; } = t.Members[0].CreateWorkspace();
    }

    internal Buffers For(FragmentTypeNetworks t)
    {
        if (!_byType.TryGetValue(t, out var b)) _byType[t] = b = new Buffers(t);
        return b;
    }
}
