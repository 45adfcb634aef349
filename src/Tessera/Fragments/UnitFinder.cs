using Tessera.Core;

namespace Tessera.Fragments;

/// <summary>Splits a structure into covalently bonded units. Heavy atoms are bonded when their
/// distance is below tolerance x (sum of covalent radii); every hydrogen joins its nearest heavy
/// atom (so an excess proton makes H3O+ in a protonated water cluster). A structure without heavy
/// atoms bonds its hydrogens among themselves. Units are ordered by their lowest atom index.</summary>
public static class UnitFinder
{
    /// <param name="charges">Charge of each unit, or null for the default: a non-zero total charge
    /// goes onto the units with an odd electron count (one elementary charge each, with the sign of
    /// the total), e.g. onto H3O+ in H+(H2O)n; anything else is ambiguous and needs explicit charges.</param>
    /// <param name="multiplicities">Multiplicity of each unit, or null: 1 for every unit, which
    /// requires even electron counts.</param>
    public static MolecularUnit[] Find(Structure s, double bondTolerance = 1.2,
                                       IReadOnlyList<int>? charges = null, IReadOnlyList<int>? multiplicities = null)
    {
        var groups = Group(s, bondTolerance);
        return Finish(s, groups, charges, multiplicities);
    }

    /// <summary>The atom groups only (no charges): each group ascending, groups by lowest index.</summary>
    public static int[][] Group(Structure s, double bondTolerance = 1.2)
    {
        if (bondTolerance <= 0) throw new ArgumentOutOfRangeException(nameof(bondTolerance), "The bond tolerance must be positive.");
        int n = s.Count;
        if (n == 0) return [];
        var heavy = Enumerable.Range(0, n).Where(i => s.Numbers[i] > 1).ToArray();
        bool hydrogenOnly = heavy.Length == 0;
        if (hydrogenOnly) heavy = Enumerable.Range(0, n).ToArray();
        var isHeavy = new bool[n];
        foreach (int i in heavy) isHeavy[i] = true;
        double maxRadius = heavy.Max(i => Element.FromNumber(s.Numbers[i]).CovalentRadius);
        // One O(N) list serves bonds and the usual hydrogen search; a lone far hydrogen falls back to a scan.
        var list = NeighbourList.Build(s, Math.Max(bondTolerance * 2 * maxRadius, 2.5));
        var parent = Enumerable.Range(0, n).ToArray();
        var nearest = new int[n];
        Array.Fill(nearest, -1);
        for (int i = 0; i < n; i++)
        {
            var js = list.NeighboursOf(i);
            var rs = list.DistancesOf(i);
            double ri = Element.FromNumber(s.Numbers[i]).CovalentRadius, best = double.PositiveInfinity;
            for (int k = 0; k < js.Length; k++)
            {
                int j = js[k];
                if (!isHeavy[j]) continue;
                if (isHeavy[i] && rs[k] < bondTolerance * (ri + Element.FromNumber(s.Numbers[j]).CovalentRadius)) Union(parent, i, j);
                if (rs[k] < best || rs[k] == best && j < nearest[i]) { best = rs[k]; nearest[i] = j; }
            }
        }
        if (!hydrogenOnly)
        {
            MinimumImage? image = null;
            for (int h = 0; h < n; h++)
                if (!isHeavy[h]) Union(parent, h, nearest[h] >= 0 ? nearest[h] : Nearest(image ??= new MinimumImage(s), h, heavy));
        }
        return Enumerable.Range(0, n).GroupBy(i => Find(parent, i))
            .Select(g => g.OrderBy(i => i).ToArray()).OrderBy(g => g[0]).ToArray();
    }

    internal static int Nearest(MinimumImage image, int atom, int[] candidates)
    {
        int best = -1;
        double bestD2 = double.PositiveInfinity;
        foreach (int c in candidates)
        {
            double d2 = image.Delta(atom, c).LengthSquared;
            if (d2 < bestD2) { bestD2 = d2; best = c; }
        }
        return best;
    }

    internal static MolecularUnit[] Finish(Structure s, int[][] groups, IReadOnlyList<int>? charges,
                                           IReadOnlyList<int>? multiplicities)
    {
        var q = charges is null ? DefaultCharges(s, groups) : CheckedCharges(s, groups, charges);
        var m = multiplicities is null ? DefaultMultiplicities(s, groups, q) : CheckedMultiplicities(s, groups, q, multiplicities);
        return groups.Select((g, u) => new MolecularUnit(g, Anchors(s, g), q[u], m[u], Element.HillFormula(g.Select(i => s.Numbers[i]))))
                     .ToArray();
    }

    /// <summary>A group's heavy atoms, or all its atoms when it has none (a unit's anchors).</summary>
    internal static int[] Anchors(Structure s, int[] group)
    {
        var anchors = group.Where(i => s.Numbers[i] > 1).ToArray();
        return anchors.Length > 0 ? anchors : group;
    }

    private static int[] DefaultCharges(Structure s, int[][] groups)
    {
        var q = new int[groups.Length];
        if (s.Charge == 0) return q;
        var odd = Enumerable.Range(0, groups.Length).Where(u => MolecularUnit.Electrons(s, groups[u], 0) % 2 != 0).ToArray();
        if (odd.Length != Math.Abs(s.Charge))
            throw new FragmentationException(
                $"Cannot place the total charge {s.Charge} on units: {odd.Length} of {groups.Length} units have an odd " +
                $"electron count ({string.Join(", ", odd.Select(u => Element.HillFormula(groups[u].Select(i => s.Numbers[i]))))}); " +
                "give the unit charges explicitly.");
        foreach (int u in odd) q[u] = Math.Sign(s.Charge);
        return q;
    }

    private static int[] CheckedCharges(Structure s, int[][] groups, IReadOnlyList<int> charges)
    {
        if (charges.Count != groups.Length)
            throw new FragmentationException($"{charges.Count} unit charges given but the structure has {groups.Length} units.");
        if (charges.Sum() != s.Charge)
            throw new FragmentationException($"Unit charges sum to {charges.Sum()} but the structure's charge is {s.Charge}.");
        return charges.ToArray();
    }

    private static int[] DefaultMultiplicities(Structure s, int[][] groups, int[] q)
    {
        if (groups.Length == 1) return CheckedMultiplicities(s, groups, q, [s.Multiplicity]);
        for (int u = 0; u < groups.Length; u++)
            if (MolecularUnit.Electrons(s, groups[u], q[u]) % 2 != 0)
                throw new FragmentationException(
                    $"Unit {u} ({Element.HillFormula(groups[u].Select(i => s.Numbers[i]))}, charge {q[u]}) has an odd number " +
                    "of electrons; give the unit multiplicities explicitly (mult=1;2;... in the fragment settings) or correct the " +
                    $"total charge ({ChargeHint.Text}).");
        if (s.Multiplicity != 1 && groups.Length > 1)
            throw new FragmentationException(
                $"The structure has multiplicity {s.Multiplicity}; give the unit multiplicities explicitly.");
        return groups.Select(_ => 1).ToArray();
    }

    private static int[] CheckedMultiplicities(Structure s, int[][] groups, int[] q, IReadOnlyList<int> m)
    {
        if (m.Count != groups.Length)
            throw new FragmentationException($"{m.Count} unit multiplicities given but the structure has {groups.Length} units.");
        for (int u = 0; u < groups.Length; u++)
        {
            int electrons = MolecularUnit.Electrons(s, groups[u], q[u]);
            if (m[u] < 1 || (electrons + m[u] - 1) % 2 != 0)
                throw new FragmentationException(
                    $"Unit {u}: multiplicity {m[u]} is impossible with {electrons} electrons; " +
                    (groups.Length == 1 ? $"{ChargeHint.Text}." : "give unit multiplicities (mult=...) and charges (charges=...) that fit."));
        }
        return m.ToArray();
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        int ra = Find(parent, a), rb = Find(parent, b);
        if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }
}
