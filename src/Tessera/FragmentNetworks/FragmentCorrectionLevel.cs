using Tessera.Core;
using Tessera.Fragments;
using Tessera.Potentials;

namespace Tessera.FragmentNetworks;

/// <summary>The learned correction of one fragment as a fragment level: the networks of the fragment's type key, fed its
/// atoms and per-atom units, give the ensemble mean energy with its exact forces. Plugged into
/// <see cref="FragmentPotential"/> as the only level, the graph assembly (coefficients, switching derivatives) turns it
/// into sum_s M(s) dE_NN(s). The same fragment read back from a data-set frame (<see cref="FragmentFrames"/>) gives the
/// same numbers.</summary>
public sealed class FragmentCorrectionLevel(FragmentNetworkModel model) : IWeightedFragmentLevel
{
    private readonly ThreadLocal<FragmentWorkspace> _workspace = new(() => new FragmentWorkspace());
    private readonly System.Collections.Concurrent.ConcurrentDictionary<FragmentTypeNetworks, FoldedFirstLayer> _folded =
        new(ReferenceEqualityComparer.Instance);

    public FragmentNetworkModel Model { get; } = model;

    public string Name => $"fragment-networks({Model.Types.Count} types x {Model.EnsembleSize})";

    public PotentialResult Compute(Fragment fragment, Needs needs = Needs.Forces)
    {
        if (needs.HasFlag(Needs.AtomEnergies)) throw new NotSupportedException("Fragment networks give no per-atom energies.");
        var s = fragment.Structure;
        bool gradient = needs.HasFlag(Needs.Forces) || needs.HasFlag(Needs.Virial);
        var g = gradient ? new Vec3[s.Count] : null;
        var p = Model.Predict(fragment.TypeKey, s.Numbers, s.Positions, fragment.Units, g, _workspace.Value!);
        if (g is null) return new PotentialResult(p.Energy);
        var w = Mat3.Zero;
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = -g[i];
            if (needs.HasFlag(Needs.Virial)) w += Mat3.Outer(s.Positions[i], g[i]);
        }
        return new PotentialResult(p.Energy, needs.HasFlag(Needs.Forces) ? g : null, needs.HasFlag(Needs.Virial) ? w : null);
    }

    /// <summary>All of a structure's fragments at once, sharing the descriptor parts of their common units
    /// (<see cref="SharedSubsetEvaluation"/>).</summary>
    public WeightedFragmentResult? ComputeWeighted(IReadOnlyList<Fragment> fragments, ReadOnlySpan<double> factors, int atoms, Needs needs,
                                                   int maxParallelism, CancellationToken ct)
    {
        if (needs.HasFlag(Needs.AtomEnergies)) throw new NotSupportedException("Fragment networks give no per-atom energies.");
        if (fragments.Count == 0) return new WeightedFragmentResult([], new Vec3[atoms], Mat3.Zero);
        return SharedSubsetEvaluation.Compute(Model, Fold, fragments, factors, atoms, needs, maxParallelism, ct);
    }

    /// <summary>The type's folded first layer, made again when its networks have changed since.</summary>
    private FoldedFirstLayer Fold(FragmentTypeNetworks type) =>
        _folded.TryGetValue(type, out var layer) && layer.Matches(type) ? layer : _folded[type] = new FoldedFirstLayer(type);

    /// <summary>Ensemble prediction (mean and spread) for one fragment.</summary>
    public FragmentPrediction Predict(Fragment fragment) =>
        Model.Predict(fragment.TypeKey, fragment.Structure.Numbers, fragment.Structure.Positions, fragment.Units, Span<Vec3>.Empty,
                      _workspace.Value!);

    /// <summary>Each ensemble member's energy for one fragment.</summary>
    public double[] PredictMembers(Fragment fragment)
    {
        var e = new double[Model.EnsembleSize];
        Model.PredictMembers(fragment.TypeKey, fragment.Structure.Numbers, fragment.Structure.Positions, fragment.Units, e, _workspace.Value!);
        return e;
    }
}
