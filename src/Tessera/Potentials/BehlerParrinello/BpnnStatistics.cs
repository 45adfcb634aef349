using Tessera.Core;
using Tessera.Descriptors;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>Minimum, maximum, mean and standard deviation of every raw symmetry function over the atoms of
/// a data set (what n2p2's nnp-scaling writes to scaling.data). Constant functions get a unit range so that
/// scaling stays finite.</summary>
public static class BpnnStatistics
{
    public static List<ScalingStatistics[]> Compute(BpnnModel model, IReadOnlyList<Structure> data, int maxDegreeOfParallelism = -1)
    {
        int ne = model.Elements.Count;
        // Fixed blocks of structures, merged in order: the same data gives bit-identical scaling (reproducible training).
        var blocks = FixedBlocks.For(data.Count, maxDegreeOfParallelism, () => new Sums(model), (k, acc) =>
        {
            var s = data[k];
            var nl = NeighbourList.Build(s, model.MaxCutoff * model.LengthUnit * (1 + 1e-9));
            for (int i = 0; i < s.Count; i++)
            {
                int e = model.ElementIndex(s.Numbers[i]);
                BpnnAtomEvaluator.FillEnvironment(model, s, nl, i, acc.Ws);
                BpnnAtomEvaluator.Descriptors(model.Elements[e], false, acc.Ws);
                acc.Add(e, acc.Ws.G);
            }
        });
        var total = new Sums(model);
        foreach (var b in blocks) total.Add(b);
        var (min, max, sum, sum2, count) = (total.Min, total.Max, total.Sum, total.Sum2, total.Count);
        var result = new List<ScalingStatistics[]>();
        for (int e = 0; e < ne; e++)
        {
            var st = new ScalingStatistics[min[e].Length];
            for (int f = 0; f < st.Length; f++)
            {
                long n = Math.Max(count[e], 1);
                double mean = sum[e][f] / n, sigma = Math.Sqrt(Math.Max(0, sum2[e][f] / n - mean * mean));
                double lo = count[e] > 0 ? min[e][f] : 0, hi = count[e] > 0 ? max[e][f] : 1;
                if (hi <= lo) hi = lo + 1;
                st[f] = new ScalingStatistics(lo, hi, mean, sigma > 0 ? sigma : 1);
            }
            result.Add(st);
        }
        return result;
    }
    /// <summary>Running minimum, maximum, sum and sum of squares of every function, per element.</summary>
    private sealed class Sums
    {
        public readonly double[][] Min, Max, Sum, Sum2;
        public readonly long[] Count;
        public readonly BpnnWorkspace Ws;

        public Sums(BpnnModel model)
        {
            Min = model.Elements.Select(e => Enumerable.Repeat(double.MaxValue, e.Functions.Count).ToArray()).ToArray();
            Max = model.Elements.Select(e => Enumerable.Repeat(double.MinValue, e.Functions.Count).ToArray()).ToArray();
            Sum = model.Elements.Select(e => new double[e.Functions.Count]).ToArray();
            Sum2 = model.Elements.Select(e => new double[e.Functions.Count]).ToArray();
            Count = new long[model.Elements.Count];
            Ws = new BpnnWorkspace(model);
        }

        public void Add(int e, double[] g)
        {
            Count[e]++;
            for (int f = 0; f < Sum[e].Length; f++)
            {
                Min[e][f] = Math.Min(Min[e][f], g[f]); Max[e][f] = Math.Max(Max[e][f], g[f]);
                Sum[e][f] += g[f]; Sum2[e][f] += g[f] * g[f];
            }
        }

        public void Add(Sums o)
        {
            for (int e = 0; e < Count.Length; e++)
            {
                Count[e] += o.Count[e];
                for (int f = 0; f < Sum[e].Length; f++)
                {
                    Min[e][f] = Math.Min(Min[e][f], o.Min[e][f]); Max[e][f] = Math.Max(Max[e][f], o.Max[e][f]);
                    Sum[e][f] += o.Sum[e][f]; Sum2[e][f] += o.Sum2[e][f];
                }
            }
        }
    }
}
