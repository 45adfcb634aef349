namespace Tessera.Networks;

/// <summary>Per-thread buffers of one <see cref="DenseNetwork"/> evaluation: pre-activations, values,
/// first and second activation derivatives, adjoints and tangents of every layer.</summary>
public sealed class NetworkWorkspace
{
    internal double[][] Pre { get; }
    internal double[][] Values { get; }
    internal double[][] D1 { get; }
    internal double[][] D2 { get; }
    internal double[][] Adjoint { get; }
    internal double[][] TangentPre { get; }
    internal double[][] TangentValues { get; }
    internal double[][] TangentAdjoint { get; }
    internal double[] Scratch1 { get; }
    internal double[] Scratch2 { get; }
    internal bool HasTangent { get; set; }

    internal NetworkWorkspace(IReadOnlyList<int> sizes)
    {
        double[][] Make() => sizes.Select(n => new double[n]).ToArray();
        Pre = Make(); Values = Make(); D1 = Make(); D2 = Make(); Adjoint = Make();
        TangentPre = Make(); TangentValues = Make(); TangentAdjoint = Make();
        int max = sizes.Max();
        Scratch1 = new double[max]; Scratch2 = new double[max];
    }
}
