using System.Numerics;
using Tessera.Core;
using Tessera.Descriptors;
using Tessera.Fragments;
using Tessera.Networks;
using Tessera.Potentials;

namespace Tessera.FragmentNetworks;

/// <summary>All fragments of one structure at once, sharing what they have in common. A fragment's descriptor is the
/// sum, over the subsets of its units, of the terms that reach exactly that subset
/// (<see cref="FragmentDescriptor.ComputeSpanning"/>), and no term reaches more than three units (an angle has three
/// atoms); every network's first layer is linear in the descriptor (<see cref="FoldedFirstLayer"/>). So each subset's
/// part is computed once per descriptor layout (types of different ranks over the same unit kinds share one) and
/// multiplied into the first layer of each type that contains it; a fragment's first layer is the sum of its subsets'
/// products; and on the way back each part's adjoints are summed over its fragments (with their assembly factors) and
/// taken back through the first layers before one gradient pass of its terms. At W21 (rank 2, 6.5 A) 750 fragments share
/// 174 parts of one and two units, and a rank-3 tetramer has no part of its own. The numbers equal fragment-by-fragment
/// evaluation up to the order of floating-point sums.</summary>
internal static class SharedSubsetEvaluation
{
    private const int MaxSubsetUnits = 3;

    /// <summary>One part: the terms of descriptor layout <c>Layout</c> that reach exactly a set of units; its atoms are
    /// <c>Count</c> entries from <c>Start</c> of the atom arrays.</summary>
    private readonly record struct Part(int Layout, int Start, int Count);

    /// <summary>A part as one fragment type uses it: its product with that type's first layer.</summary>
    private readonly record struct Use(int Type, int Part);

    /// <summary>Every part and use of a structure's fragments, with the atoms of each part copied out of the first
    /// fragment that has it (units renumbered from 0). Uses of fragment f: usesOf[useOffset[f]..useOffset[f + 1]).
    /// Same[f]: the first fragment with f's units (itself, or an equal fragment listed before it, which has no uses of its
    /// own: the proton-blend configurations of a step share most of their fragments).</summary>
    private sealed record Plan(List<Part> Parts, List<Use> Uses, int[] UsesOf, int[] UseOffset, int[] Same,
                               int[] Numbers, Vec3[] Positions, int[] Units, int[] GlobalAtom);

    /// <summary>Null when the fragments carry no atom maps, or when two fragments place a shared subset's units at
    /// different periodic images (a box too small for the cutoff): the caller then evaluates fragment by fragment.</summary>
    public static WeightedFragmentResult? Compute(FragmentNetworkModel model, Func<FragmentTypeNetworks, FoldedFirstLayer> fold,
                                                  IReadOnlyList<Fragment> fragments, ReadOnlySpan<double> factors, int atoms, Needs needs,
                                                  int maxParallelism, CancellationToken ct)
    {
        int n = fragments.Count;
        var typeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var layoutIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var types = new List<FragmentTypeNetworks>();
        var layouts = new List<FragmentDescriptor>();
        var typeLayout = new List<int>();
        var fragmentType = new int[n];
        for (int f = 0; f < n; f++)
        {
            if (fragments[f].AtomMap is null || fragments[f].Rank + 1 > 30) return null;
            if (!typeIndex.TryGetValue(fragments[f].TypeKey, out int t))
            {
                typeIndex[fragments[f].TypeKey] = t = types.Count;
                var type = model.For(fragments[f].TypeKey);
                types.Add(type);
                if (!layoutIndex.TryGetValue(type.Descriptor.Layout, out int l))
                {
                    layoutIndex[type.Descriptor.Layout] = l = layouts.Count;
                    layouts.Add(type.Descriptor);
                }
                typeLayout.Add(l);
            }
            fragmentType[f] = t;
        }
        var layers = types.Select(fold).ToArray();
        var plan = Register(fragments, fragmentType, typeLayout);
        if (plan is null) return null;
        var (parts, uses) = (plan.Parts, plan.Uses);
        var (numbers, positions, units) = (plan.Numbers, plan.Positions, plan.Units);
        var (usesOfPart, usesOfPartOffset) = Transpose(uses.Select(u => u.Part).ToArray(), parts.Count);
        bool gradient = needs.HasFlag(Needs.Forces) || needs.HasFlag(Needs.Virial);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = ct };
        int maxInputs = layouts.Max(d => d.Length), maxWidth = layers.Max(l => l.Width);
        Func<Scratch> scratch = () => new Scratch(types, maxInputs, maxWidth);

        // Each part once, through the first layer of every type that uses it.
        var productOffset = Offsets(uses.Select(u => layers[u.Type].Width));
        var blockOffset = Offsets(parts.Select(p => layouts[p.Layout].BlockLength.Length));
        var product = new double[productOffset[^1]];
        var touched = new bool[blockOffset[^1]];
        Parallel.For(0, parts.Count, options, scratch, (i, _, sc) =>
        {
            var p = parts[i];
            var d = layouts[p.Layout];
            var raw = sc.Raw.AsSpan(0, d.Length);
            d.ComputeSpanning(numbers.AsSpan(p.Start, p.Count), positions.AsSpan(p.Start, p.Count), units.AsSpan(p.Start, p.Count), raw);
            int start = 0;
            bool any = false;
            for (int b = 0; b < d.BlockLength.Length; b++)
            {
                any |= touched[blockOffset[i] + b] = raw.Slice(start, d.BlockLength[b]).ContainsAnyExcept(0.0);
                start += d.BlockLength[b];
            }
            // Three units far apart have no angle within the arm limit: nothing to multiply, nothing to differentiate.
            if (!any) return sc;
            for (int k = usesOfPartOffset[i]; k < usesOfPartOffset[i + 1]; k++)
            {
                int u = usesOfPart[k];
                layers[uses[u].Type].AddProduct(raw, product.AsSpan(productOffset[u], layers[uses[u].Type].Width));
            }
            return sc;
        }, _ => { });

        // Each fragment: the sum of its uses, the rest of every member's network, and (scaled by the fragment's factor)
        // the adjoint of the first layer.
        var energies = new double[n];
        var adjointOffset = Offsets(fragmentType.Select(t => layers[t].Width));
        var adjoint = gradient ? new double[adjointOffset[^1]] : [];
        double[] factor = factors.ToArray();
        for (int f = 0; f < n; f++)
            if (plan.Same[f] != f) { factor[plan.Same[f]] += factor[f]; factor[f] = 0; }
        Parallel.For(0, n, options, scratch, (f, _, sc) =>
        {
            if (plan.Same[f] != f) return sc;
            var t = types[fragmentType[f]];
            var layer = layers[fragmentType[f]];
            var z = sc.Z.AsSpan(0, layer.Width);
            layer.Bias.CopyTo(z);
            for (int k = plan.UseOffset[f]; k < plan.UseOffset[f + 1]; k++)
                Add(product.AsSpan(productOffset[plan.UsesOf[k]], layer.Width), z);
            var ws = sc.Network(fragmentType[f]);
            int members = t.Members.Count, hidden = layer.Hidden;
            double sum = 0;
            ReadOnlySpan<double> seed = [1.0];
            for (int m = 0; m < members; m++)
            {
                z.Slice(m * hidden, hidden).CopyTo(DenseNetwork.FirstLayerPre(ws));
                sum += t.Members[m].ForwardFromFirstLayer(ws)[0];
                if (!gradient || factor[f] == 0) continue;
                var a = t.Members[m].FirstLayerAdjoint(ws, seed);
                double c = factor[f] * t.OutputScale / members;
                var target = adjoint.AsSpan(adjointOffset[f] + m * hidden, hidden);
                for (int k = 0; k < hidden; k++) target[k] = c * a[k];
            }
            energies[f] = t.OutputMean + t.OutputScale * sum / members;
            return sc;
        }, _ => { });
        for (int f = 0; f < n; f++) energies[f] = energies[plan.Same[f]];
        if (!gradient) return new WeightedFragmentResult(energies, null, Mat3.Zero);

        // Each part: every use's adjoints summed over its fragments, back through that type's first layer on the part's
        // non-zero blocks, and one gradient pass of its terms.
        var (entriesOfUse, entriesOfUseOffset) = Transpose(plan.UsesOf, uses.Count);
        var entryFragment = new int[plan.UsesOf.Length];
        for (int f = 0; f < n; f++) entryFragment.AsSpan(plan.UseOffset[f], plan.UseOffset[f + 1] - plan.UseOffset[f]).Fill(f);
        var atomGradient = new Vec3[numbers.Length];
        Parallel.For(0, parts.Count, options, scratch, (i, _, sc) =>
        {
            var p = parts[i];
            var d = layouts[p.Layout];
            if (!touched.AsSpan(blockOffset[i], d.BlockLength.Length).Contains(true)) return sc;
            var dEdRaw = sc.DEdRaw.AsSpan(0, d.Length);
            dEdRaw.Clear();
            bool any = false;
            for (int k = usesOfPartOffset[i]; k < usesOfPartOffset[i + 1]; k++)
            {
                int u = usesOfPart[k];
                var layer = layers[uses[u].Type];
                var delta = sc.Z.AsSpan(0, layer.Width);
                delta.Clear();
                for (int q = entriesOfUseOffset[u]; q < entriesOfUseOffset[u + 1]; q++)
                    Add(adjoint.AsSpan(adjointOffset[entryFragment[entriesOfUse[q]]], layer.Width), delta);
                if (!delta.ContainsAnyExcept(0.0)) continue;
                any = true;
                int start = 0;
                for (int b = 0; b < d.BlockLength.Length; b++)
                {
                    if (touched[blockOffset[i] + b]) layer.AddBack(delta, dEdRaw, start, d.BlockLength[b]);
                    start += d.BlockLength[b];
                }
            }
            if (any)
                d.AccumulateSpanningGradient(numbers.AsSpan(p.Start, p.Count), positions.AsSpan(p.Start, p.Count), units.AsSpan(p.Start, p.Count),
                                             dEdRaw, atomGradient.AsSpan(p.Start, p.Count));
            return sc;
        }, _ => { });

        var force = new Vec3[atoms];
        var virial = Mat3.Zero;
        bool wantVirial = needs.HasFlag(Needs.Virial);
        for (int a = 0; a < numbers.Length; a++)
        {
            force[plan.GlobalAtom[a]] -= atomGradient[a];
            // A part's terms are translation invariant, so r (x) F over its own positions is its virial.
            if (wantVirial) virial -= Mat3.Outer(positions[a], atomGradient[a]);
        }
        return new WeightedFragmentResult(energies, force, virial);
    }

    /// <summary>Every subset of up to three units of every fragment: its part once per layout, its use once per type.</summary>
    private static Plan? Register(IReadOnlyList<Fragment> fragments, int[] fragmentType, List<int> typeLayout)
    {
        const int bits = 20; // per unit in a part's key: up to 2^20 - 1 units, 16 layouts
        if (typeLayout.Max() >= 1 << (64 - MaxSubsetUnits * bits)) return null;
        // A unit is its set of atoms in the structure (not its first atom: the proton-blend configurations of one step,
        // evaluated together, give a shared proton to different units that keep their first atoms).
        var unitId = new Dictionary<int[], int>(SimplexKeyComparer.Instance);
        var unitLookup = unitId.GetAlternateLookup<ReadOnlySpan<int>>();
        var partIndex = new Dictionary<ulong, int>();    // layout and the units' numbers, packed
        var useOfPart = new List<int>();                 // [part * types + type]: its use, or -1
        int typeCount = typeLayout.Count;
        var parts = new List<Part>();
        var uses = new List<Use>();
        var shape = new List<Vec3>(); // per part: its second and third units' first atoms, from its first unit's first atom
        var usesOf = new List<int>();
        var useOffset = new int[fragments.Count + 1];
        var numbers = new List<int>(); var positions = new List<Vec3>(); var units = new List<int>(); var global = new List<int>();
        Span<Vec3> offsets = stackalloc Vec3[MaxSubsetUnits - 1];
        var first = new int[32];
        var id = new int[32];
        var same = new int[fragments.Count];
        var fragmentIndex = new Dictionary<int[], int>(SimplexKeyComparer.Instance);
        var fragmentLookup = fragmentIndex.GetAlternateLookup<ReadOnlySpan<int>>();
        Span<int> sorted = stackalloc int[32];
        for (int f = 0; f < fragments.Count; f++)
        {
            var fr = fragments[f];
            int k = fr.Rank + 1, type = fragmentType[f], layout = typeLayout[type];
            var r = fr.Structure.Positions;
            for (int a = fr.Units.Length - 1; a >= 0; a--) first[fr.Units[a]] = a;
            int listed = 0;
            for (int u = 0; u < k; u++)
            {
                // A fragmentation lists each unit's atoms together, as the unit holds them.
                int end = first[u];
                while (end < fr.Units.Length && fr.Units[end] == u) end++;
                listed += end - first[u];
                var atomsOfUnit = fr.AtomMap!.AsSpan(first[u], end - first[u]);
                if (!unitLookup.TryGetValue(atomsOfUnit, out id[u])) unitLookup[atomsOfUnit] = id[u] = unitId.Count;
                if (id[u] + 1 >= 1 << bits) return null;
            }
            if (listed != fr.Units.Length) return null;
            id.AsSpan(0, k).CopyTo(sorted);
            sorted[..k].Sort();
            if (fragmentLookup.TryGetValue(sorted[..k], out same[f]))
            {
                if (fragmentType[same[f]] != type) return null; // the same units make the same type
                useOffset[f + 1] = usesOf.Count;
                continue;
            }
            fragmentLookup[sorted[..k]] = same[f] = f;
            for (int mask = 1; mask < 1 << k; mask++)
            {
                if (BitOperations.PopCount((uint)mask) > MaxSubsetUnits) continue;
                ulong key = (ulong)layout;
                int c = 0;
                for (int u = 0; u < k; u++)
                    if ((mask >> u & 1) != 0)
                    {
                        if (c > 0) offsets[c - 1] = r[first[u]] - r[first[BitOperations.TrailingZeroCount(mask)]];
                        key = key << bits | (uint)(id[u] + 1);
                        c++;
                    }
                key <<= (MaxSubsetUnits - c) * bits;
                if (partIndex.TryGetValue(key, out int i))
                {
                    // Another fragment's copy of these units must sit at the same images (it does unless the box is small).
                    for (int o = 0; o < c - 1; o++)
                        if ((offsets[o] - shape[i * (MaxSubsetUnits - 1) + o]).Length > 1e-9) return null;
                }
                else
                {
                    partIndex[key] = i = parts.Count;
                    for (int t = 0; t < typeCount; t++) useOfPart.Add(-1);
                    for (int o = 0; o < MaxSubsetUnits - 1; o++) shape.Add(o < c - 1 ? offsets[o] : default);
                    int start = numbers.Count;
                    for (int a = 0; a < r.Length; a++)
                    {
                        int u = fr.Units[a];
                        if ((mask >> u & 1) == 0) continue;
                        numbers.Add(fr.Structure.Numbers[a]);
                        positions.Add(r[a]);
                        units.Add(BitOperations.PopCount((uint)(mask & ((1 << u) - 1)))); // rank of u among the subset's units
                        global.Add(fr.AtomMap![a]);
                    }
                    parts.Add(new Part(layout, start, numbers.Count - start));
                }
                int use = useOfPart[i * typeCount + type];
                if (use < 0)
                {
                    useOfPart[i * typeCount + type] = use = uses.Count;
                    uses.Add(new Use(type, i));
                }
                usesOf.Add(use);
            }
            useOffset[f + 1] = usesOf.Count;
        }
        return new Plan(parts, uses, [.. usesOf], useOffset, same, [.. numbers], [.. positions], [.. units], [.. global]);
    }

    private static int[] Offsets(IEnumerable<int> lengths)
    {
        var offsets = new List<int> { 0 };
        foreach (int l in lengths) offsets.Add(offsets[^1] + l);
        return [.. offsets];
    }

    /// <summary>Inverts a many-to-one map: for each target t, the sources s with map[s] = t, in ascending order
    /// (items[offset[t]..offset[t + 1])).</summary>
    private static (int[] Items, int[] Offset) Transpose(int[] map, int targets)
    {
        var offset = new int[targets + 1];
        foreach (int t in map) offset[t + 1]++;
        for (int i = 0; i < targets; i++) offset[i + 1] += offset[i];
        var fill = offset[..^1].ToArray();
        var items = new int[map.Length];
        for (int s = 0; s < map.Length; s++) items[fill[map[s]]++] = s;
        return (items, offset);
    }

    private static void Add(ReadOnlySpan<double> x, Span<double> y) => DenseNetwork.Axpy(1.0, x, y);

    /// <summary>One worker's buffers.</summary>
    private sealed class Scratch(List<FragmentTypeNetworks> types, int inputs, int width)
    {
        private readonly NetworkWorkspace?[] _networks = new NetworkWorkspace?[types.Count];
        public double[] Raw { get; } = new double[inputs];
        public double[] DEdRaw { get; } = new double[inputs];
        public double[] Z { get; } = new double[width];
        public NetworkWorkspace Network(int type) => _networks[type] ??= types[type].Members[0].CreateWorkspace();
    }
}
