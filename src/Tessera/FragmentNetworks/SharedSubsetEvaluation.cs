using System.Numerics;
using Tessera.Core;
using Tessera.Fragments;
using Tessera.Networks;
using Tessera.Potentials;

namespace Tessera.FragmentNetworks;

/// <summary>All fragments of one structure at once, sharing what they have in common. A fragment's descriptor is the
/// sum, over the subsets of its units, of the terms that reach exactly that subset
/// (<see cref="FragmentDescriptor.ComputeSpanning"/>), and no term reaches more than three units (an angle has three
/// atoms); every network's first layer is linear in the descriptor (<see cref="FoldedFirstLayer"/>). So each subset's
/// part is computed and multiplied into the first layer once per fragment type that contains it, a fragment's first
/// layer is the sum of its subsets' products, and on the way back each subset's first-layer adjoints are summed over its
/// fragments (with their assembly factors) before one gradient pass of its terms. At W21 (rank 2, 6.5 A) 750 fragments
/// share 174 subsets of one and two units, and a tetramer of rank 3 would have no part of its own. The numbers equal
/// fragment-by-fragment evaluation up to the order of floating-point sums.</summary>
internal static class SharedSubsetEvaluation
{
    private const int MaxSubsetUnits = 3;

    /// <summary>One part: the terms of fragment type <c>Type</c> that reach exactly the units of <c>Mask</c> in fragment
    /// <c>Source</c>; its atoms are <c>Count</c> entries from <c>Start</c> of the atom arrays.</summary>
    private readonly record struct Subset(int Type, int Source, int Mask, int Start, int Count);

    /// <summary>Null when the fragments carry no atom maps, or when two fragments place a shared subset's units at
    /// different periodic images (a box too small for the cutoff): the caller then evaluates fragment by fragment.</summary>
    public static WeightedFragmentResult? Compute(FragmentNetworkModel model, Func<FragmentTypeNetworks, FoldedFirstLayer> fold,
                                                  IReadOnlyList<Fragment> fragments, ReadOnlySpan<double> factors, int atoms, Needs needs,
                                                  int maxParallelism, CancellationToken ct)
    {
        int n = fragments.Count;
        var typeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var types = new List<FragmentTypeNetworks>();
        var fragmentType = new int[n];
        for (int f = 0; f < n; f++)
        {
            if (fragments[f].AtomMap is null || fragments[f].Rank + 1 > 30) return null;
            if (!typeIndex.TryGetValue(fragments[f].TypeKey, out int t))
            {
                typeIndex[fragments[f].TypeKey] = t = types.Count;
                types.Add(model.For(fragments[f].TypeKey));
            }
            fragmentType[f] = t;
        }
        var layers = types.Select(fold).ToArray();
        var parts = Register(fragments, fragmentType);
        if (parts is null) return null;
        var (subsets, partsOf, partOffset, numbers, positions, units, globalAtom) = parts.Value;
        bool gradient = needs.HasFlag(Needs.Forces) || needs.HasFlag(Needs.Virial);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = ct };
        int maxInputs = types.Max(t => t.Descriptor.Length), maxWidth = layers.Max(l => l.Width);
        Func<Scratch> scratch = () => new Scratch(types, maxInputs, maxWidth);

        // Each subset's part through the first layer of its type.
        var productOffset = Offsets(subsets.Select(s => layers[s.Type].Width));
        var blockOffset = Offsets(subsets.Select(s => types[s.Type].Descriptor.BlockLength.Length));
        var product = new double[productOffset[^1]];
        var touched = new bool[blockOffset[^1]];
        Parallel.For(0, subsets.Count, options, scratch, (i, _, sc) =>
        {
            var p = subsets[i];
            var d = types[p.Type].Descriptor;
            var raw = sc.Raw.AsSpan(0, d.Length);
            d.ComputeSpanning(numbers.AsSpan(p.Start, p.Count), positions.AsSpan(p.Start, p.Count), units.AsSpan(p.Start, p.Count), raw);
            layers[p.Type].AddProduct(raw, product.AsSpan(productOffset[i], layers[p.Type].Width));
            int start = 0;
            for (int b = 0; b < d.BlockLength.Length; b++)
            {
                touched[blockOffset[i] + b] = raw.Slice(start, d.BlockLength[b]).ContainsAnyExcept(0.0);
                start += d.BlockLength[b];
            }
            return sc;
        }, _ => { });

        // Each fragment: the sum of its parts, the rest of every member's network, and (scaled by the fragment's
        // factor) the adjoint of the first layer.
        var energies = new double[n];
        var adjointOffset = Offsets(fragmentType.Select(t => layers[t].Width));
        var adjoint = gradient ? new double[adjointOffset[^1]] : [];
        double[] factor = factors.ToArray();
        Parallel.For(0, n, options, scratch, (f, _, sc) =>
        {
            var t = types[fragmentType[f]];
            var layer = layers[fragmentType[f]];
            var z = sc.Z.AsSpan(0, layer.Width);
            layer.Bias.CopyTo(z);
            for (int k = partOffset[f]; k < partOffset[f + 1]; k++)
                Add(product.AsSpan(productOffset[partsOf[k]], layer.Width), z);
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
        if (!gradient) return new WeightedFragmentResult(energies, null, Mat3.Zero);

        // Each subset: its fragments' adjoints summed, back through the first layer on its non-zero blocks, and one
        // gradient pass of its terms.
        var (users, userOffset) = Transpose(partsOf, partOffset, subsets.Count);
        var atomGradient = new Vec3[numbers.Length];
        Parallel.For(0, subsets.Count, options, scratch, (i, _, sc) =>
        {
            var p = subsets[i];
            var d = types[p.Type].Descriptor;
            var layer = layers[p.Type];
            var delta = sc.Z.AsSpan(0, layer.Width);
            delta.Clear();
            for (int k = userOffset[i]; k < userOffset[i + 1]; k++)
                Add(adjoint.AsSpan(adjointOffset[users[k]], layer.Width), delta);
            if (!delta.ContainsAnyExcept(0.0)) return sc;
            var dEdRaw = sc.DEdRaw.AsSpan(0, d.Length);
            dEdRaw.Clear();
            int start = 0;
            for (int b = 0; b < d.BlockLength.Length; b++)
            {
                if (touched[blockOffset[i] + b]) layer.BackRange(delta, dEdRaw, start, d.BlockLength[b]);
                start += d.BlockLength[b];
            }
            d.AccumulateSpanningGradient(numbers.AsSpan(p.Start, p.Count), positions.AsSpan(p.Start, p.Count), units.AsSpan(p.Start, p.Count),
                                         dEdRaw, atomGradient.AsSpan(p.Start, p.Count));
            return sc;
        }, _ => { });

        var force = new Vec3[atoms];
        var virial = Mat3.Zero;
        bool wantVirial = needs.HasFlag(Needs.Virial);
        for (int a = 0; a < numbers.Length; a++)
        {
            force[globalAtom[a]] -= atomGradient[a];
            // A subset's terms are translation invariant, so r (x) F over its own positions is its virial.
            if (wantVirial) virial -= Mat3.Outer(positions[a], atomGradient[a]);
        }
        return new WeightedFragmentResult(energies, force, virial);
    }

    /// <summary>Every subset of up to three units of every fragment, once per fragment type, with its atoms copied out of
    /// the first fragment that has it (units renumbered from 0); partsOf[partOffset[f]..partOffset[f + 1]) are fragment
    /// f's subsets.</summary>
    private static (List<Subset>, int[], int[], int[], Vec3[], int[], int[])? Register(IReadOnlyList<Fragment> fragments, int[] fragmentType)
    {
        var index = new Dictionary<(int, int, int, int), int>();
        var subsets = new List<Subset>();
        var shape = new List<Vec3>(); // per subset: its second and third units' first atoms, from its first unit's first atom
        var partsOf = new List<int>();
        var partOffset = new int[fragments.Count + 1];
        var numbers = new List<int>(); var positions = new List<Vec3>(); var units = new List<int>(); var global = new List<int>();
        Span<int> g = stackalloc int[MaxSubsetUnits];
        Span<Vec3> offsets = stackalloc Vec3[MaxSubsetUnits - 1];
        var first = new int[32];
        for (int f = 0; f < fragments.Count; f++)
        {
            var fr = fragments[f];
            int k = fr.Rank + 1;
            var r = fr.Structure.Positions;
            for (int a = fr.Units.Length - 1; a >= 0; a--) first[fr.Units[a]] = a;
            for (int mask = 1; mask < 1 << k; mask++)
            {
                if (BitOperations.PopCount((uint)mask) > MaxSubsetUnits) continue;
                g.Fill(-1);
                int c = 0;
                for (int u = 0; u < k; u++)
                    if ((mask >> u & 1) != 0)
                    {
                        if (c > 0) offsets[c - 1] = r[first[u]] - r[first[BitOperations.TrailingZeroCount(mask)]];
                        g[c++] = fr.AtomMap![first[u]];
                    }
                var key = (fragmentType[f], g[0], g[1], g[2]);
                if (index.TryGetValue(key, out int i))
                {
                    // Another fragment's copy of these units must sit at the same images (it does unless the box is small).
                    for (int o = 0; o < c - 1; o++)
                        if ((offsets[o] - shape[i * (MaxSubsetUnits - 1) + o]).Length > 1e-9) return null;
                }
                else
                {
                    index[key] = i = subsets.Count;
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
                    subsets.Add(new Subset(fragmentType[f], f, mask, start, numbers.Count - start));
                }
                partsOf.Add(i);
            }
            partOffset[f + 1] = partsOf.Count;
        }
        return (subsets, partsOf.ToArray(), partOffset, numbers.ToArray(), positions.ToArray(), units.ToArray(), global.ToArray());
    }

    private static int[] Offsets(IEnumerable<int> lengths)
    {
        var offsets = new List<int> { 0 };
        foreach (int l in lengths) offsets.Add(offsets[^1] + l);
        return [.. offsets];
    }

    /// <summary>The fragments of each subset, from the subsets of each fragment.</summary>
    private static (int[] Users, int[] Offset) Transpose(int[] partsOf, int[] partOffset, int subsets)
    {
        var offset = new int[subsets + 1];
        foreach (int p in partsOf) offset[p + 1]++;
        for (int i = 0; i < subsets; i++) offset[i + 1] += offset[i];
        var fill = offset[..^1].ToArray();
        var users = new int[partsOf.Length];
        for (int f = 0; f + 1 < partOffset.Length; f++)
            for (int k = partOffset[f]; k < partOffset[f + 1]; k++) users[fill[partsOf[k]]++] = f;
        return (users, offset);
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
