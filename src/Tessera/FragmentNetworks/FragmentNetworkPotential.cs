using Tessera.Core;
using Tessera.Fragments;
using Tessera.Networks;
using Tessera.Potentials;

namespace Tessera.FragmentNetworks;

/// <summary>The learned fragment potential E = E_low(full) + sum_s M(s) dE_NN(s) (delta model: a <see cref="SumPotential"/>
/// of the low level and the corrections), or E = sum_s M(s) E_NN(s) without a low level. The corrections go through the one graph assembly of
/// <see cref="FragmentPotential"/> (switched coefficients, weight derivatives, proton blending), so the
/// forces are exact: network input gradients through the descriptor derivatives, scattered to atoms,
/// plus the switching terms, plus the low level's own forces. Pure like that assembly; a trajectory passes
/// its units through <see cref="IFragmentAssembled"/>.</summary>
public sealed class FragmentNetworkPotential : IFragmentAssembled, IEnsemblePotential
{
    public FragmentNetworkModel Model { get; }
    public IPotential? Low { get; }
    /// <summary>The assembled corrections alone (no low level).</summary>
    public FragmentPotential Corrections { get; }
    public FragmentCorrectionLevel FragmentLevel { get; }
    /// <summary>Corrections + low as a <see cref="SumPotential"/>, or the corrections alone. Corrections first: a structure
    /// the fragmentation refuses (e.g. a unit with an odd electron count) is reported as such, whatever the low level says.</summary>
    private readonly IPotential _total;

    /// <param name="settings">Fragmentation to assemble with (default: the model's; e.g. another rank, parallelism).</param>
    public FragmentNetworkPotential(FragmentNetworkModel model, IPotential? low, FragmentSettings? settings = null)
    {
        if (model.Delta && low is null)
            throw new ArgumentException("This fragment model predicts corrections E_high - E_low: it needs the low-level potential.");
        if (!model.Delta && low is not null)
            throw new ArgumentException("This fragment model predicts absolute fragment energies: it takes no low-level potential.");
        Model = model;
        Low = low;
        FragmentLevel = new FragmentCorrectionLevel(model);
        Corrections = new FragmentPotential(FragmentLevel, null, settings ?? model.Fragmentation, model.Target);
        _total = Total(Corrections);
    }

    public FragmentSettings Settings => Corrections.Settings;

    // The corrections run beside the low level (on another core, when there is one): they then cost no wall time while the
    // low level is slower.
    private IPotential Total(IPotential corrections) =>
        Low is null ? corrections : new SumPotential([corrections, Low], concurrent: Environment.ProcessorCount > 1);

    public string Name => Low is null ? Corrections.Name : $"{Low.Name} + {Corrections.Name}";

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces) => Unwrapped(() => _total.Compute(structure, needs));

    public int EnsembleSize => Model.EnsembleSize;

    /// <summary>The result with the <see cref="Uncertainty"/> of its energy; the members' forces are not computed one by one (no force spread).</summary>
    public EnsembleResult ComputeWithSpread(Structure structure, Needs needs = Needs.Forces) =>
        new(Compute(structure, needs), EnsembleSize > 1 ? Uncertainty(structure) : 0, null);

    public PotentialResult Compute(Structure structure, int[][] units, Needs needs) =>
        Unwrapped(() => Total(Corrections.WithUnits(units)).Compute(structure, needs));

    /// <summary>The first error of a parallel fragment evaluation, as a serial loop would throw it (an
    /// unknown fragment type should read as that, not as an AggregateException).</summary>
    private static T Unwrapped<T>(Func<T> f)
    {
        try { return f(); }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>Ensemble spread (<see cref="EnsembleSpread"/>) over members k of the total correction
    /// sum_s M(s) dE_k(s), or sum_s W(s) d_k(s) for increments (eV). 0 for a single network.</summary>
    public double Uncertainty(Structure structure, CancellationToken ct = default)
    {
        var fragmentation = Fragmentation.Create(structure, Corrections.Settings, ct);
        int k = Model.EnsembleSize;
        var totals = new double[k];
        for (int i = 0; i < fragmentation.Complex.Simplices.Count; i++)
        {
            var simplex = fragmentation.Complex.Simplices[i];
            double m = Model.Target == FragmentTarget.Increment ? simplex.Weight : simplex.Coefficient;
            if (m == 0) continue;
            var e = FragmentLevel.PredictMembers(fragmentation.BuildFragment(i));
            for (int j = 0; j < k; j++) totals[j] += m * e[j];
        }
        return EnsembleSpread.Of(totals);
    }
}
