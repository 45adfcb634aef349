using Tessera.Core;
using Tessera.Fragments;
using Tessera.Potentials;

namespace Tessera.Tests.Fragments;

/// <summary>A fragment level that returns many-body increments of another level's fragment energies, computed
/// directly: d(s) = sum over non-empty subsets t of s's units of (-1)^(|s|-|t|) E(t), each E(t) the wrapped level on
/// the sub-structure of t's atoms; forces the same signed sum. Reads the fragment's typed units.</summary>
public sealed class IncrementTestLevel(IPotential energies) : IFragmentLevel
{
    public string Name => $"increments-of({energies.Name})";

    public PotentialResult Compute(Fragment fragment, Needs needs)
    {
        var s = fragment.Structure;
        var unit = fragment.Units;
        int n = unit.Max() + 1;
        double e = 0;
        var f = new Vec3[s.Count];
        for (int mask = 1; mask < 1 << n; mask++)
        {
            var atoms = Enumerable.Range(0, s.Count).Where(a => (mask >> unit[a] & 1) != 0).ToArray();
            var sub = s.Subset(atoms, s.Charge, s.Multiplicity);
            var r = energies.Compute(sub, needs);
            double sign = ((n - System.Numerics.BitOperations.PopCount((uint)mask)) & 1) == 0 ? 1 : -1;
            e += sign * r.Energy;
            if (r.Forces is { } rf)
                for (int k = 0; k < atoms.Length; k++) f[atoms[k]] += sign * rf[k];
        }
        return new PotentialResult(e, needs.HasFlag(Needs.Forces) ? f : null);
    }
}
