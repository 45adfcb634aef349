using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Fragments;

/// <summary>Combines fragment results into the total energy, forces and virial: with
/// <see cref="FragmentTarget.Energy"/> sum_s M(s) dE(s), with <see cref="FragmentTarget.Increment"/> sum_s W(s) d(s);
/// either way plus the weights' position dependence.</summary>
internal static class FragmentAssembly
{
    /// <summary>The factor of each fragment in the total: M(s) for energies, W(s) for increments.</summary>
    /// <param name="simplices">simplices[f] = index in the complex of fragment f.</param>
    public static double[] Factors(SimplicialComplex complex, int[] simplices, FragmentTarget target) =>
        simplices.Select(i => target == FragmentTarget.Increment ? complex.Simplices[i].Weight : complex.Simplices[i].Coefficient).ToArray();

    /// <param name="simplices">simplices[f] = index in the complex of fragments[f].</param>
    public static PotentialResult Assemble(Structure s, Fragmentation fragmentation, int[] simplices, Fragment[] fragments,
                                           PotentialResult[] high, PotentialResult[]? low, PotentialResult? lowFull, Needs needs,
                                           FragmentTarget target = FragmentTarget.Energy)
    {
        var factor = Factors(fragmentation.Complex, simplices, target);
        var deltas = new double[fragments.Length];
        for (int f = 0; f < fragments.Length; f++) deltas[f] = high[f].Energy - (low?[f].Energy ?? 0);
        bool gradient = needs.HasFlag(Needs.Forces) || needs.HasFlag(Needs.Virial);
        var scattered = gradient ? Scatter(s.Count, fragments, factor, high, low, needs.HasFlag(Needs.Virial)) : null;
        return Assemble(s, fragmentation, simplices, factor, deltas, scattered, lowFull, needs, target);
    }

    /// <summary>The total from each fragment's energy difference and factor (<see cref="Factors"/>) and the factor-weighted
    /// sum of the fragments' force differences on the full structure (with its virial), however those were computed; the
    /// sum's force array becomes the result's.</summary>
    public static PotentialResult Assemble(Structure s, Fragmentation fragmentation, int[] simplices, double[] factor, double[] deltas,
                                           WeightedFragmentResult? scattered, PotentialResult? lowFull, Needs needs, FragmentTarget target)
    {
        var complex = fragmentation.Complex;
        var values = new double[complex.Simplices.Count];
        double energy = lowFull?.Energy ?? 0;
        for (int f = 0; f < deltas.Length; f++)
        {
            values[simplices[f]] = deltas[f];
            energy += factor[f] * deltas[f];
        }
        bool forces = needs.HasFlag(Needs.Forces), virial = needs.HasFlag(Needs.Virial);
        if (!forces && !virial) return new PotentialResult(energy);

        var force = scattered!.Force!;
        var w = scattered.Virial;
        if (lowFull is not null)
        {
            var fl = lowFull.RequireForces();
            for (int i = 0; i < s.Count; i++) force[i] += fl[i];
            if (virial) w += lowFull.Virial ?? OpenVirial(s, fl);
        }
        AddWeightForces(complex, target == FragmentTarget.Increment ? complex.IncrementWeightGradient(values) : complex.WeightGradient(values),
                        force, ref w);
        return new PotentialResult(energy, forces ? force : null, virial ? w : null);
    }

    /// <summary>sum_f factor_f (F_high - F_low)_f on the full structure's atoms, and its virial over the fragments'
    /// unwrapped positions (fragments are translation invariant, so r (x) F over those is their virial).</summary>
    private static WeightedFragmentResult Scatter(int atoms, Fragment[] fragments, double[] factor, PotentialResult[] high,
                                                  PotentialResult[]? low, bool virial)
    {
        var force = new Vec3[atoms];
        var w = Mat3.Zero;
        for (int f = 0; f < fragments.Length; f++)
        {
            double m = factor[f];
            if (m == 0) continue;
            var map = fragments[f].AtomMap!; // a fragmentation's fragments always carry one
            var fh = high[f].RequireForces();
            var fl = low?[f].RequireForces();
            var pos = fragments[f].Structure.Positions;
            for (int k = 0; k < map.Length; k++)
            {
                var df = m * (fh[k] - (fl is null ? Vec3.Zero : fl[k]));
                force[map[k]] += df;
                if (virial) w += Mat3.Outer(pos[k], df);
            }
        }
        return new WeightedFragmentResult([], force, w);
    }

    /// <summary>-dE/dx from the position dependence of the edge weights.</summary>
    private static void AddWeightForces(SimplicialComplex complex, double[] dEdw, Vec3[] force, ref Mat3 w)
    {
        var pairs = complex.Graph.PairTerms;
        if (pairs.Count == 0) return;
        foreach (var p in pairs)
        {
            double g = dEdw[p.Edge] * p.WeightDerivative; // dE/dd for this anchor pair
            if (g == 0) continue;
            double d = p.Delta.Length;
            var dEdrJ = (g / d) * p.Delta;
            force[p.J] -= dEdrJ;
            force[p.I] += dEdrJ;
            w -= Mat3.Outer(p.Delta, dEdrJ);
        }
    }

    private static Mat3 OpenVirial(Structure s, Vec3[] f)
    {
        if (s.IsPeriodic) throw new InvalidOperationException("The low-level potential returned no virial for a periodic structure.");
        var w = Mat3.Zero;
        for (int i = 0; i < s.Count; i++) w += Mat3.Outer(s.Positions[i], f[i]);
        return w;
    }
}
