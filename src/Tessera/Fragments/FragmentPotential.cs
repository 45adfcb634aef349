using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Fragments;

/// <summary>Graph-fragment assembly of two levels of theory:
/// E = E_low(full) + sum_s M(s) [E_high(s) - E_low(s)], or E = sum_s M(s) E_high(s) without a low
/// level (a many-body expansion); or, for a level that returns many-body increments
/// (<see cref="FragmentTarget.Increment"/>), E = sum_s W(s) d(s). M(s) are the (switched) inclusion-exclusion coefficients of
/// <see cref="SimplicialComplex"/>. Forces are the exact gradient: fragment forces scattered back
/// through the atom maps plus, for switched edges, sum_e dE/dw_e dw_e/dx. Fragments go to the levels as typed values
/// (<see cref="IFragmentLevel"/>), all of a structure's at once, so an engine can run them as one batch. Pure: the same structure always
/// gives the same result, so one instance serves any frames in any order. Units are found anew at every
/// call unless the caller passes them; keeping units across the steps of a trajectory (freeze, throw,
/// counting hops) is <see cref="UnitTracker"/>'s job, through <see cref="FragmentTrajectory"/>.</summary>
public sealed class FragmentPotential : IFragmentAssembled, IProgramLevels
{
    public IFragmentLevel High { get; }
    public IPotential? Low { get; }
    public FragmentSettings Settings { get; }

    /// <summary>What <see cref="High"/> returns per simplex: fragment energies (any ab initio level) or many-body increments (a learned level).</summary>
    public FragmentTarget Target { get; }

    /// <summary>The low level on the fragments (on the full structure it is <see cref="Low"/> itself).</summary>
    private readonly StructureLevel? _lowOnFragments;

    public FragmentPotential(IFragmentLevel high, IPotential? low, FragmentSettings settings, FragmentTarget target = FragmentTarget.Energy)
    {
        if (target == FragmentTarget.Increment && low is not null)
            throw new ArgumentException("A level that returns many-body increments is assembled alone: E_high(s) - E_low(s) of a fragment is not an increment.");
        High = high;
        Low = low;
        _lowOnFragments = low is null ? null : new StructureLevel(low);
        Settings = settings.Validated();
        Target = target;
    }

    /// <summary>Two structure-level potentials, each evaluated on the fragments' structures.</summary>
    public FragmentPotential(IPotential high, IPotential? low, FragmentSettings settings, FragmentTarget target = FragmentTarget.Energy)
        : this(new StructureLevel(high), low, settings, target) { }

    /// <summary>The low and high levels that are programs (engines), for their versions beside the results.</summary>
    public IReadOnlyList<IProgramPotential> Programs =>
        new[] { Low, (High as StructureLevel)?.Potential }.OfType<IProgramPotential>().ToArray();

    public string Name => $"{(Target == FragmentTarget.Increment ? "increments" : "fragments")}({Settings})[{(Low is null ? "" : Low.Name + " + ")}{High.Name}]";

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces) =>
        Compute(structure, needs, CancellationToken.None, null);

    public PotentialResult Compute(Structure s, Needs needs, CancellationToken ct, IProgress<FragmentProgress>? progress) =>
        Compute(s, UnitFinder.Group(s, Settings.BondTolerance), needs, ct, progress);

    public PotentialResult Compute(Structure structure, int[][] units, Needs needs) =>
        Compute(structure, units, needs, CancellationToken.None, null);

    /// <summary>This assembly with the atoms always grouped into <paramref name="units"/> (to sum with other terms).</summary>
    public IPotential WithUnits(int[][] units) => new FixedUnits(this, units);

    private sealed class FixedUnits(FragmentPotential assembly, int[][] units) : IPotential
    {
        public string Name => assembly.Name;
        public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces) => assembly.Compute(structure, units, needs);
    }

    /// <summary>The assembly over the given atom groups (each ascending, groups by lowest index, covering every atom);
    /// with <see cref="ReassignmentPolicy.Blend"/> the shared protons are blended around them.</summary>
    public PotentialResult Compute(Structure s, int[][] units, Needs needs, CancellationToken ct, IProgress<FragmentProgress>? progress)
    {
        if (needs.HasFlag(Needs.AtomEnergies))
            throw new NotSupportedException("A fragment assembly has no per-atom energies.");
        int covered = units.Sum(g => g.Length);
        if (covered != s.Count)
            throw new FragmentationException($"The units cover {covered} atoms but the structure has {s.Count}.");
        var blend = Settings.Reassignment == ReassignmentPolicy.Blend ? ProtonBlend.Find(s, units, Settings.BlendWidth, Settings.Switch) : null;
        if (blend is null || blend.Hydrogens.Count == 0)
            return ComputeFor(s, Fragmentation.Create(s, Settings, units, ct), needs, ct, progress);
        return ComputeBlended(s, blend, needs, ct, progress);
    }

    /// <summary>E = sum_a P(a) E_a / Z over the shared protons' assignments a that the fragmentation accepts, Z = sum_a P(a)
    /// over those; F = sum_a P(a) F_a / Z - sum_a (E_a - E) dP(a)/dx / Z. An assignment can be refused when two protons
    /// move at once (a Grotthuss chain: one water passes a proton on before it has received the other, so the nearest-atom
    /// units read HO, H3O, H3O); it then has weight zero, which is smooth because a refused assignment needs a proton
    /// that is still being shared, whose probability goes to zero continuously at the edge of the blend.</summary>
    private PotentialResult ComputeBlended(Structure s, ProtonBlend blend, Needs needs, CancellationToken ct,
                                           IProgress<FragmentProgress>? progress)
    {
        int n = blend.Configurations;
        var fragmentations = new Fragmentation?[n];
        FragmentationException? firstRefusal = null;
        double z = 0;
        for (int mask = 0; mask < n; mask++)
        {
            try { fragmentations[mask] = Fragmentation.Create(s, Settings, blend.Groups(mask), ct); }
            catch (FragmentationException e) { firstRefusal ??= e; continue; }
            z += blend.Probability(mask);
        }
        if (!(z > 0)) throw firstRefusal!;
        var energies = new double[n];
        var (results, shared) = Low is null && High is IWeightedFragmentLevel weighted &&
                                ComputePooled(s, blend, fragmentations, z, weighted, needs, ct, progress) is { } pooled
            ? pooled : (ComputeEach(s, fragmentations, needs, ct, progress), null);
        double energy = 0;
        for (int mask = 0; mask < n; mask++)
        {
            if (results[mask] is not { } r) continue;
            energies[mask] = r.Energy;
            energy += blend.Probability(mask) / z * energies[mask];
        }
        if (!needs.HasFlag(Needs.Forces) && !needs.HasFlag(Needs.Virial)) return new PotentialResult(energy, null, null);
        var force = shared?.Force ?? new Vec3[s.Count];
        var virial = shared?.Virial ?? Mat3.Zero;
        var weightedShift = new double[n];
        for (int mask = 0; mask < n; mask++)
        {
            if (results[mask] is not { } r) continue;
            double w = blend.Probability(mask) / z;
            var f = r.RequireForces();
            for (int i = 0; i < s.Count; i++) force[i] += w * f[i];
            if (r.Virial is { } v) virial += w * v;
            weightedShift[mask] = (energies[mask] - energy) / z;
        }
        blend.AddProbabilityForces(weightedShift, force, ref virial);
        return new PotentialResult(energy, needs.HasFlag(Needs.Forces) ? force : null,
                                   needs.HasFlag(Needs.Virial) ? virial : null);
    }

    /// <summary>Each accepted assignment assembled on its own.</summary>
    private PotentialResult?[] ComputeEach(Structure s, Fragmentation?[] fragmentations, Needs needs, CancellationToken ct,
                                           IProgress<FragmentProgress>? progress)
    {
        // The full low-level term does not depend on the assignment: compute it once.
        var lowFull = Low?.Compute(s, needs);
        return [.. fragmentations.Select(f => f is null ? null : ComputeFor(s, f, needs, ct, progress, lowFull))];
    }

    /// <summary>Every assignment's fragments in one call to a level that pools them, with factors P(a)/Z times the
    /// assignment's own: most fragments and their shared parts are the same in every assignment (only those around the
    /// shared protons differ), and the level computes what they share once. Returns each assignment's energy with only the
    /// forces of its switched weights, and, apart, the pooled fragment forces sum_a P(a)/Z F_a; null when the level cannot
    /// pool these fragments.</summary>
    private (PotentialResult?[] Results, WeightedFragmentResult Shared)? ComputePooled(
        Structure s, ProtonBlend blend, Fragmentation?[] fragmentations, double z, IWeightedFragmentLevel level, Needs needs,
        CancellationToken ct, IProgress<FragmentProgress>? progress)
    {
        bool gradient = needs.HasFlag(Needs.Forces) || needs.HasFlag(Needs.Virial);
        int n = fragmentations.Length;
        var jobs = new int[n][];
        var factors = new double[n][];
        var start = new int[n + 1];
        var fragments = new List<Fragment>();
        var weighted = new List<double>();
        for (int mask = 0; mask < n; mask++)
        {
            if (fragmentations[mask] is { } fragmentation)
            {
                jobs[mask] = Jobs(fragmentation.Complex, gradient);
                factors[mask] = FragmentAssembly.Factors(fragmentation.Complex, jobs[mask], Target);
                double p = blend.Probability(mask) / z;
                foreach (int j in jobs[mask]) fragments.Add(fragmentation.BuildFragment(j));
                foreach (double m in factors[mask]) weighted.Add(p * m);
            }
            start[mask + 1] = fragments.Count;
        }
        if (level.ComputeWeighted(fragments, weighted.ToArray(), s.Count, needs, Settings.MaxParallelism, ct) is not { } pooled)
            return null;
        progress?.Report(new FragmentProgress(fragments.Count, fragments.Count));
        var results = new PotentialResult?[n];
        for (int mask = 0; mask < n; mask++)
        {
            if (fragmentations[mask] is not { } fragmentation) continue;
            var weightsOnly = gradient ? new WeightedFragmentResult([], new Vec3[s.Count], Mat3.Zero) : null;
            results[mask] = FragmentAssembly.Assemble(s, fragmentation, jobs[mask], factors[mask], pooled.Energies[start[mask]..start[mask + 1]],
                                                      weightsOnly, null, needs, Target);
        }
        return (results, pooled);
    }

    private PotentialResult ComputeFor(Structure s, Fragmentation fragmentation, Needs needs, CancellationToken ct,
                                       IProgress<FragmentProgress>? progress, PotentialResult? knownLowFull = null)
    {
        bool gradient = needs.HasFlag(Needs.Forces) || needs.HasFlag(Needs.Virial);
        var jobs = Jobs(fragmentation.Complex, gradient);
        var fragments = jobs.Select(fragmentation.BuildFragment).ToArray();
        var fragNeeds = gradient ? Needs.Forces : Needs.Energy;

        int total = fragments.Length * (Low is null ? 1 : 2) + (Low is null ? 0 : 1), done = 0;
        Action<int> tick = k => progress?.Report(new FragmentProgress(Interlocked.Add(ref done, k), total));
        if (Low is null && High is IWeightedFragmentLevel weighted)
        {
            var factors = FragmentAssembly.Factors(fragmentation.Complex, jobs, Target);
            if (weighted.ComputeWeighted(fragments, factors, s.Count, needs, Settings.MaxParallelism, ct) is { } pooled)
            {
                tick(total);
                return FragmentAssembly.Assemble(s, fragmentation, jobs, factors, pooled.Energies, gradient ? pooled : null, null, needs, Target);
            }
        }
        var high = High.ComputeAll(fragments, fragNeeds, Settings.MaxParallelism, ct, tick);
        PotentialResult[]? low = null;
        PotentialResult? lowFull = null;
        if (Low is not null)
        {
            low = _lowOnFragments!.ComputeAll(fragments, fragNeeds, Settings.MaxParallelism, ct, tick);
            lowFull = knownLowFull ?? Low.Compute(s, needs);
            tick(1);
        }
        return FragmentAssembly.Assemble(s, fragmentation, jobs, fragments, high, low, lowFull, needs, Target);
    }

    /// <summary>Simplices to evaluate: non-zero coefficient, or a face a weight derivative needs; for increments every
    /// simplex (each has a weight above 0).</summary>
    private int[] Jobs(SimplicialComplex complex, bool gradient)
    {
        if (Target == FragmentTarget.Increment) return Enumerable.Range(0, complex.Simplices.Count).ToArray();
        var needed = gradient ? complex.NeededForWeightGradient() : new bool[complex.Simplices.Count];
        return Enumerable.Range(0, complex.Simplices.Count)
            .Where(i => !Settings.SkipZeroCoefficients || needed[i] || complex.Simplices[i].Coefficient != 0).ToArray();
    }
}
