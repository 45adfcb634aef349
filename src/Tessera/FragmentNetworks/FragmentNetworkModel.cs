using Tessera.Core;
using Tessera.Descriptors;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Networks;

namespace Tessera.FragmentNetworks;

/// <summary>Prediction of one fragment: ensemble mean energy (eV) and the ensemble spread (eV, <see cref="EnsembleSpread"/>;
/// 0 for a single network).</summary>
public readonly record struct FragmentPrediction(double Energy, double Spread);

/// <summary>A fragment type the model has no networks for.</summary>
public sealed class UnknownFragmentTypeException(string type, IEnumerable<string> known)
    : ArgumentException($"The fragment model has no networks for fragment type '{type}' (it knows {string.Join(", ", known)}). " +
                        "Train on data that contains this type, or lower the rank/cutoff so that it does not occur.")
{
    public string Type { get; } = type;
}

/// <summary>Fragment networks, one ensemble per fragment type key, with the fragmentation and descriptor
/// settings they were trained with. With <see cref="Delta"/> they predict E_high - E_low of a fragment,
/// otherwise the fragment's absolute (high-level) energy; with <see cref="FragmentTarget.Increment"/> the many-body
/// increment of that quantity instead of the quantity itself.</summary>
public sealed class FragmentNetworkModel
{
    private readonly Dictionary<string, FragmentTypeNetworks> _types;

    public FragmentNetworkModel(FragmentSettings fragmentation, FragmentDescriptorSettings descriptor, bool delta,
                                IEnumerable<FragmentTypeNetworks> types, string? lowLevel = null, string? highLevel = null,
                                FragmentTrainingRecord? training = null, IReadOnlyDictionary<string, string>? provenance = null,
                                FragmentTarget target = FragmentTarget.Energy, TrainingConfigRecord? trainingConfig = null)
    {
        TrainingConfig = trainingConfig;
        Target = target;
        Fragmentation = fragmentation.Validated();
        DescriptorSettings = descriptor.Validate();
        Delta = delta;
        _types = types.ToDictionary(t => t.Type, StringComparer.Ordinal);
        if (_types.Count == 0) throw new ArgumentException("A fragment model needs at least one fragment type.");
        var sizes = _types.Values.Select(t => t.Members.Count).Distinct().ToArray();
        if (sizes.Length != 1) throw new ArgumentException("Every fragment type needs the same ensemble size.");
        EnsembleSize = sizes[0];
        LowLevel = lowLevel; HighLevel = highLevel; Training = training;
        Provenance = provenance ?? new Dictionary<string, string>();
    }

    public FragmentSettings Fragmentation { get; }
    public FragmentDescriptorSettings DescriptorSettings { get; }
    public bool Delta { get; }
    /// <summary>Whether the networks predict each fragment's (delta) energy or its many-body increment.</summary>
    public FragmentTarget Target { get; }
    public int EnsembleSize { get; }
    /// <summary>Low-level potential the corrections go with, as a model spec (e.g. "xtb-native:gfn2"); null if unknown.</summary>
    public string? LowLevel { get; }
    /// <summary>What the targets' high level was (e.g. the data set's engine description).</summary>
    public string? HighLevel { get; }
    public FragmentTrainingRecord? Training { get; }
    public IReadOnlyDictionary<string, string> Provenance { get; }
    /// <summary>How the model was trained (every option, its source, data hashes); null for models older than the record.</summary>
    public TrainingConfigRecord? TrainingConfig { get; }
    public IReadOnlyCollection<FragmentTypeNetworks> Types => _types.Values;

    public FragmentTypeNetworks For(string type) =>
        _types.TryGetValue(type, out var t) ? t : throw new UnknownFragmentTypeException(type, _types.Keys.Order(StringComparer.Ordinal));

    /// <summary>The same model with its training configuration recorded (the CLI knows it, the trainer does not).</summary>
    public FragmentNetworkModel WithTrainingConfig(TrainingConfigRecord config) =>
        new(Fragmentation, DescriptorSettings, Delta, _types.Values, LowLevel, HighLevel, Training, Provenance, Target, config);

    public bool Knows(string type) => _types.ContainsKey(type);

    /// <summary>Ensemble prediction for one fragment; with a non-empty <paramref name="gradient"/> (one entry per
    /// atom) adds dE_mean/dx to it. Allocation-free once the workspace has seen the type.</summary>
    public FragmentPrediction Predict(string type, ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> units,
                                      Span<Vec3> gradient, FragmentWorkspace ws)
    {
        var t = For(type);
        var b = ws.For(t);
        t.Features(numbers, positions, units, b.Raw, b.Scaled);
        bool grad = !gradient.IsEmpty;
        if (grad) Array.Clear(b.DEdRaw);
        int n = t.Members.Count;
        Span<double> energies = n <= 64 ? stackalloc double[n] : new double[n];
        double sum = 0;
        for (int m = 0; m < n; m++)
        {
            energies[m] = t.Evaluate(m, b.Scaled, b.Network, grad ? b.DEdRaw : Span<double>.Empty, 1.0 / n, b.Scratch);
            sum += energies[m];
        }
        if (grad) t.Descriptor.AccumulateGradient(numbers, positions, units, b.DEdRaw, gradient);
        return new FragmentPrediction(sum / n, EnsembleSpread.Of(energies));
    }

    /// <summary>Each member's energy for one fragment (for ensemble totals), written into <paramref name="energies"/>.</summary>
    public void PredictMembers(string type, ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> units,
                               Span<double> energies, FragmentWorkspace ws)
    {
        var t = For(type);
        var b = ws.For(t);
        t.Features(numbers, positions, units, b.Raw, b.Scaled);
        for (int m = 0; m < t.Members.Count; m++) energies[m] = t.Evaluate(m, b.Scaled, b.Network, Span<double>.Empty, 0, b.Scratch);
    }
}
