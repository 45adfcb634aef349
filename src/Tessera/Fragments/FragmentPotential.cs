using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Fragments;

/// <summary>Graph-fragment assembly of two levels of theory:
/// E = E_low(full) + sum_s M(s) [E_high(s) - E_low(s)], or E = sum_s M(s) E_high(s) without a low
/// level (a many-body expansion). M(s) are the (switched) inclusion-exclusion coefficients of
/// <see cref="SimplicialComplex"/>. Forces are the exact gradient: fragment forces scattered back
/// through the atom maps plus, for switched edges, sum_e dE/dw_e dw_e/dx. Fragments go through an
/// engine's batch path (and its cache) when the level is an IEngine. Units are found anew at
/// every call; a change of assignment is handled by <see cref="FragmentSettings.Reassignment"/>.</summary>
public sealed class FragmentPotential : IPotential
{
    private readonly object _gate = new();
    private int[][]? _first, _last;
    private long _calls, _reassignments;

    public IPotential High { get; }
    public IPotential? Low { get; }
    public FragmentSettings Settings { get; }

    /// <summary>Raised (on the calling thread) when the unit assignment differs from the previous call's.</summary>
    public event EventHandler<UnitReassignment>? UnitsReassigned;

    /// <summary>Number of calls that saw a unit assignment different from the previous call's.</summary>
    public long Reassignments => Interlocked.Read(ref _reassignments);

    public FragmentPotential(IPotential high, IPotential? low, FragmentSettings settings)
    {
        High = high;
        Low = low;
        Settings = settings.Validated();
    }

    public string Name => $"fragments({Settings})[{(Low is null ? "" : Low.Name + " + ")}{High.Name}]";

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces) =>
        Compute(structure, needs, CancellationToken.None, null);

    public PotentialResult Compute(Structure s, Needs needs, CancellationToken ct, IProgress<FragmentProgress>? progress)
    {
        if (needs.HasFlag(Needs.AtomEnergies))
            throw new NotSupportedException("A fragment assembly has no per-atom energies.");
        var fragmentation = Fragmentation.Create(s, Settings, Groups(s), ct);
        bool gradient = needs.HasFlag(Needs.Forces) || needs.HasFlag(Needs.Virial);
        var jobs = Jobs(fragmentation.Complex, gradient);
        var fragments = jobs.Select(fragmentation.BuildFragment).ToArray();
        var structures = fragments.Select(f => f.Structure).ToArray();
        var fragNeeds = gradient ? Needs.Forces : Needs.Energy;

        int total = structures.Length * (Low is null ? 1 : 2) + (Low is null ? 0 : 1), done = 0;
        Action<int> tick = n => progress?.Report(new FragmentProgress(Interlocked.Add(ref done, n), total));
        var high = FragmentEvaluator.Evaluate(High, structures, fragNeeds, Settings.MaxParallelism, ct, tick);
        PotentialResult[]? low = null;
        PotentialResult? lowFull = null;
        if (Low is not null)
        {
            low = FragmentEvaluator.Evaluate(Low, structures, fragNeeds, Settings.MaxParallelism, ct, tick);
            lowFull = Low.Compute(s, needs);
            tick(1);
        }
        return FragmentAssembly.Assemble(s, fragmentation, fragments, high, low, lowFull, needs);
    }

    /// <summary>Simplices to evaluate: non-zero coefficient, or a face a weight derivative needs.</summary>
    private int[] Jobs(SimplicialComplex complex, bool gradient)
    {
        var needed = gradient ? complex.NeededForWeightGradient() : new bool[complex.Simplices.Count];
        return Enumerable.Range(0, complex.Simplices.Count)
            .Where(i => !Settings.SkipZeroCoefficients || needed[i] || complex.Simplices[i].Coefficient != 0).ToArray();
    }

    /// <summary>The atom groups for this call, after comparing with the previous call's.</summary>
    private int[][] Groups(Structure s)
    {
        var groups = UnitFinder.Group(s, Settings.BondTolerance);
        UnitReassignment? change;
        lock (_gate)
        {
            long call = ++_calls;
            change = _last is null ? null : UnitReassignment.Compare(call, s.Numbers, _last, groups);
            _first ??= groups;
            if (change is not null) Interlocked.Increment(ref _reassignments);
            if (change is null || Settings.Reassignment != ReassignmentPolicy.Throw) _last = groups;
        }
        if (change is not null)
        {
            UnitsReassigned?.Invoke(this, change);
            if (Settings.Reassignment == ReassignmentPolicy.Throw) throw new UnitReassignmentException(change);
        }
        if (Settings.Reassignment != ReassignmentPolicy.Freeze) return groups;
        lock (_gate)
        {
            if (_first.Sum(g => g.Length) != s.Count)
                throw new FragmentationException($"Frozen units cover {_first.Sum(g => g.Length)} atoms but the structure has {s.Count}.");
            return _first;
        }
    }
}
