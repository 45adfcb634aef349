using System.Numerics.Tensors;
using Tessera.Core;

namespace Tessera.FragmentNetworks;

/// <summary>The standardised descriptor of every training fragment of one type and, for those with force labels, its
/// Jacobian with respect to the atom positions, computed once before training. A fragment's geometry does not change
/// while its networks train, yet every iteration needed the descriptor, its vector-Jacobian product (the predicted
/// forces) and its Jacobian-vector product (the force loss's parameter gradient), each a sum over all pairs and
/// angles with a Gaussian per grid point; with the Jacobian stored, both products are dense dot products and axpys.
/// Jacobians are kept up to <see cref="JacobianBudgetBytes"/> in all; fragments beyond it are computed as before.</summary>
internal sealed class FragmentFeatureCache
{
    /// <summary>Memory the stored Jacobians may take (all types of one training run together share it).</summary>
    public const long JacobianBudgetBytes = 3L << 30;

    /// <summary>One fragment: standardised features (length d) and, row by row for each Cartesian coordinate 3i + k,
    /// the derivatives of the standardised features (3n x d), or null.</summary>
    public sealed record Entry(double[] Scaled, double[]? Jacobian);

    private readonly Dictionary<FragmentTrainingSample, Entry> _entries;

    private FragmentFeatureCache(Dictionary<FragmentTrainingSample, Entry> entries) => _entries = entries;

    public Entry? Get(FragmentTrainingSample s) => _entries.GetValueOrDefault(s);

    /// <summary>Entries for <paramref name="samples"/> (one type's), computed in parallel; Jacobians for the fragments with
    /// forces while <paramref name="budget"/> (bytes, shared between calls) lasts.</summary>
    public static FragmentFeatureCache Build(FragmentTypeNetworks type, IReadOnlyList<FragmentTrainingSample> samples, bool forces,
                                             ref long budget, int parallelism)
    {
        int d = type.Descriptor.Length;
        var withJacobian = new bool[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            long bytes = 8L * 3 * samples[i].Numbers.Length * d;
            if (forces && samples[i].Forces is not null && budget >= bytes) { withJacobian[i] = true; budget -= bytes; }
        }
        var entries = new Entry[samples.Count];
        Parallel.For(0, samples.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) },
                     () => (Raw: new double[d], Row: new double[d]),
                     (i, _, scratch) => { entries[i] = Compute(type, samples[i], withJacobian[i], scratch.Raw, scratch.Row); return scratch; },
                     _ => { });
        var map = new Dictionary<FragmentTrainingSample, Entry>(samples.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < samples.Count; i++) map[samples[i]] = entries[i];
        return new FragmentFeatureCache(map);
    }

    private static Entry Compute(FragmentTypeNetworks type, FragmentTrainingSample s, bool jacobian, double[] raw, double[] row)
    {
        int d = raw.Length, n = s.Numbers.Length;
        var scaled = new double[d];
        type.Features(s.Numbers, s.Positions, s.Units, raw, scaled);
        if (!jacobian) return new Entry(scaled, null);
        var j = new double[3 * n * d];
        var direction = new Vec3[n];
        var unit = Vec3.AsDoubles(direction.AsSpan());
        for (int c = 0; c < 3 * n; c++)
        {
            unit[c] = 1;
            type.Descriptor.Directional(s.Numbers, s.Positions, s.Units, direction, row);
            TensorPrimitives.Divide(row, type.InputScale, j.AsSpan(c * d, d));
            unit[c] = 0;
        }
        return new Entry(scaled, j);
    }

    /// <summary>g_i = sum_f J[3i + k, f] w_f for every atom i (the position gradient of w . scaled features).</summary>
    public static void Gradient(ReadOnlySpan<double> jacobian, ReadOnlySpan<double> w, Span<Vec3> g)
    {
        int d = w.Length;
        var flat = Vec3.AsDoubles(g);
        for (int c = 0; c < flat.Length; c++) flat[c] = TensorPrimitives.Dot(jacobian.Slice(c * d, d), w);
    }

    /// <summary>t_f = sum over coordinates c of J[c, f] v_c (the change of the scaled features along <paramref name="v"/>).</summary>
    public static void Directional(ReadOnlySpan<double> jacobian, ReadOnlySpan<Vec3> v, Span<double> t)
    {
        int d = t.Length;
        var flat = Vec3.AsDoubles(v);
        t.Clear();
        for (int c = 0; c < flat.Length; c++) TensorPrimitives.MultiplyAdd(jacobian.Slice(c * d, d), flat[c], t, t);
    }
}
