using Tessera.Core;

namespace Tessera.Fragments;

/// <summary>Smoothly blended assignment of hydrogens that sit almost halfway between two heavy atoms
/// (a proton in transfer). A hydrogen whose nearest (a1, d1) and second-nearest (a2, d2) heavy atoms
/// satisfy d2 - d1 &lt; delta belongs to a1 with probability p = f(d1 - d2) and to a2 with 1 - p, f the
/// switch from 1 at -delta to 0 at +delta (f(-t) = 1 - f(t), so p = 1/2 at the midpoint and the
/// labels a1/a2 can swap without a jump). The energy is the expectation over the 2^k assignments of
/// the k ambiguous hydrogens: E = sum_a P(a) E_a, smooth (C2 with the quintic switch) through a hop.</summary>
internal sealed class ProtonBlend
{
    /// <summary>One ambiguous hydrogen: candidates A1 (nearer) and A2, vectors from the hydrogen.</summary>
    internal readonly record struct Ambiguous(int H, int A1, int A2, Vec3 V1, Vec3 V2, double P1, double DP1);

    public const int MaxAmbiguous = 10;

    public int[][] BaseGroups { get; }
    public IReadOnlyList<Ambiguous> Hydrogens { get; }

    private ProtonBlend(int[][] groups, List<Ambiguous> hydrogens) { BaseGroups = groups; Hydrogens = hydrogens; }

    public static ProtonBlend Find(Structure s, int[][] groups, double width, SwitchKind kind)
    {
        var heavy = Enumerable.Range(0, s.Count).Where(i => s.Numbers[i] > 1).ToArray();
        var list = new List<Ambiguous>();
        if (heavy.Length < 2 || width <= 0) return new ProtonBlend(groups, list);
        var image = new MinimumImage(s);
        var f = new SwitchingFunction(-width, width, kind);
        for (int h = 0; h < s.Count; h++)
        {
            if (s.Numbers[h] != 1) continue;
            var near = heavy.Select(a => (A: a, V: image.Delta(h, a))).OrderBy(x => x.V.LengthSquared).Take(3).ToArray();
            double d1 = near[0].V.Length, d2 = near[1].V.Length;
            if (d2 - d1 >= width) continue;
            if (near.Length > 2 && near[2].V.Length - d1 < width)
                throw new FragmentationException($"Hydrogen {h} is within {width} A of equidistant from three heavy atoms; blending handles two.");
            double p1 = f.Evaluate(d1 - d2, out double dp1);
            list.Add(new Ambiguous(h, near[0].A, near[1].A, near[0].V, near[1].V, p1, dp1));
        }
        if (list.Count > MaxAmbiguous)
            throw new FragmentationException($"{list.Count} hydrogens are being shared at once (blending handles {MaxAmbiguous}); reduce the blend width.");
        return new ProtonBlend(groups, list);
    }

    public int Configurations => 1 << Hydrogens.Count;

    /// <summary>Probability of configuration <paramref name="mask"/> (bit k set: hydrogen k goes to A2).</summary>
    public double Probability(int mask)
    {
        double p = 1;
        for (int k = 0; k < Hydrogens.Count; k++) p *= (mask >> k & 1) == 0 ? Hydrogens[k].P1 : 1 - Hydrogens[k].P1;
        return p;
    }

    /// <summary>Atom groups of a configuration: the base groups with the chosen hydrogens moved.</summary>
    public int[][] Groups(int mask)
    {
        var owner = new int[BaseGroups.Sum(g => g.Length)];
        for (int gi = 0; gi < BaseGroups.Length; gi++) foreach (int i in BaseGroups[gi]) owner[i] = gi;
        for (int k = 0; k < Hydrogens.Count; k++)
        {
            var h = Hydrogens[k];
            owner[h.H] = owner[(mask >> k & 1) == 0 ? h.A1 : h.A2];
        }
        return Enumerable.Range(0, owner.Length).GroupBy(i => owner[i]).Select(g => g.OrderBy(i => i).ToArray())
            .OrderBy(g => g[0]).ToArray();
    }

    /// <summary>Adds -sum_a E_a dP(a)/dx to the forces (and its virial): dP/dp_k through each
    /// hydrogen's two distances.</summary>
    public void AddProbabilityForces(double[] energies, Vec3[] force, ref Mat3 virial)
    {
        for (int k = 0; k < Hydrogens.Count; k++)
        {
            // dE/dp1_k = sum_a E_a dP(a)/dp1_k, with dP/dp1 = +prod(others) for A1 and -prod(others) for A2.
            double dEdp = 0;
            for (int mask = 0; mask < Configurations; mask++)
            {
                double others = 1;
                for (int j = 0; j < Hydrogens.Count; j++)
                    if (j != k) others *= (mask >> j & 1) == 0 ? Hydrogens[j].P1 : 1 - Hydrogens[j].P1;
                dEdp += ((mask >> k & 1) == 0 ? 1 : -1) * others * energies[mask];
            }
            var h = Hydrogens[k];
            // p1 = f(d1 - d2): dp1/dd1 = f', dp1/dd2 = -f'.
            AddDistance(h.H, h.A1, h.V1, dEdp * h.DP1, force, ref virial);
            AddDistance(h.H, h.A2, h.V2, -dEdp * h.DP1, force, ref virial);
        }
    }

    /// <summary>dE/dd = g for d = |r_a - r_h| (v = r_a - r_h): forces and virial.</summary>
    private static void AddDistance(int hAtom, int a, Vec3 v, double g, Vec3[] force, ref Mat3 virial)
    {
        if (g == 0) return;
        var dEdra = (g / v.Length) * v;
        force[a] -= dEdra;
        force[hAtom] += dEdra;
        virial -= Mat3.Outer(v, dEdra);
    }
}
