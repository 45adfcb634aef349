using Tessera.Core;
using Tessera.Fragments;
using Tessera.Potentials;

namespace Tessera.FragmentNetworks;

/// <summary>The learned correction of one fragment as a potential over the fragment's structure: reads the
/// type key (info <c>fragment_type</c>) and per-atom unit index (column <c>unit</c>) that every fragment from
/// <see cref="Fragmentation.BuildFragment"/>, fragment pool and data set carries, and returns the ensemble mean
/// energy with its exact forces. Plugged into <see cref="FragmentPotential"/> as the only level, the graph
/// assembly (coefficients, switching derivatives) turns it into sum_s M(s) dE_NN(s).</summary>
public sealed class FragmentCorrectionPotential(FragmentNetworkModel model) : IPotential
{
    private readonly ThreadLocal<(FragmentWorkspace Ws, GrowBuffers Buf)> _local = new(() => (new FragmentWorkspace(), new GrowBuffers()));

    public FragmentNetworkModel Model { get; } = model;

    public string Name => $"fragment-networks({Model.Types.Count} types x {Model.EnsembleSize})";

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces)
    {
        if (needs.HasFlag(Needs.AtomEnergies)) throw new NotSupportedException("Fragment networks give no per-atom energies.");
        var (ws, buf) = _local.Value;
        var units = buf.Units(structure);
        bool gradient = needs.HasFlag(Needs.Forces) || needs.HasFlag(Needs.Virial);
        var g = gradient ? new Vec3[structure.Count] : null;
        var p = Model.Predict(TypeOf(structure), structure.Numbers, structure.Positions, units, g, ws);
        if (g is null) return new PotentialResult(p.Energy);
        var w = Mat3.Zero;
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = -g[i];
            if (needs.HasFlag(Needs.Virial)) w += Mat3.Outer(structure.Positions[i], g[i]);
        }
        return new PotentialResult(p.Energy, needs.HasFlag(Needs.Forces) ? g : null, needs.HasFlag(Needs.Virial) ? w : null);
    }

    /// <summary>Ensemble prediction (mean and spread) for one fragment structure.</summary>
    public FragmentPrediction Predict(Structure fragment)
    {
        var (ws, buf) = _local.Value;
        return Model.Predict(TypeOf(fragment), fragment.Numbers, fragment.Positions, buf.Units(fragment), Span<Vec3>.Empty, ws);
    }

    /// <summary>Each ensemble member's energy for one fragment structure.</summary>
    public double[] PredictMembers(Structure fragment)
    {
        var (ws, buf) = _local.Value;
        var e = new double[Model.EnsembleSize];
        Model.PredictMembers(TypeOf(fragment), fragment.Numbers, fragment.Positions, buf.Units(fragment), e, ws);
        return e;
    }

    public static string TypeOf(Structure fragment) =>
        fragment.Info.TryGetValue(Fragment.TypeInfoKey, out var t) && t is string s ? s
            : throw new ArgumentException($"Structure {fragment.Formula} is not a fragment: it has no '{Fragment.TypeInfoKey}' info key.");

    /// <summary>The unit column as ints, in a per-thread buffer.</summary>
    private sealed class GrowBuffers
    {
        private int[] _units = new int[64];

        public ReadOnlySpan<int> Units(Structure s)
        {
            if (!s.Arrays.TryGetValue(Fragment.UnitArray, out var a) || a.Kind != PerAtomKind.Integer || a.Columns != 1)
                throw new ArgumentException($"Fragment {s.Formula} has no per-atom integer column '{Fragment.UnitArray}'.");
            if (_units.Length < s.Count) _units = new int[Math.Max(s.Count, 2 * _units.Length)];
            var src = a.Integers;
            for (int i = 0; i < s.Count; i++) _units[i] = checked((int)src[i]);
            return _units.AsSpan(0, s.Count);
        }
    }
}
