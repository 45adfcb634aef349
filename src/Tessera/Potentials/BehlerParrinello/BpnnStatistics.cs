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
        var min = model.Elements.Select(e => Enumerable.Repeat(double.MaxValue, e.Functions.Count).ToArray()).ToArray();
        var max = model.Elements.Select(e => Enumerable.Repeat(double.MinValue, e.Functions.Count).ToArray()).ToArray();
        var sum = model.Elements.Select(e => new double[e.Functions.Count]).ToArray();
        var sum2 = model.Elements.Select(e => new double[e.Functions.Count]).ToArray();
        var count = new long[ne];
        var gate = new object();
        Parallel.ForEach(data, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, s =>
        {
            var ws = new BpnnWorkspace(model);
            var nl = NeighbourList.Build(s, model.MaxCutoff * model.LengthUnit * (1 + 1e-9));
            for (int i = 0; i < s.Count; i++)
            {
                int e = model.ElementIndex(s.Numbers[i]);
                BpnnAtomEvaluator.FillEnvironment(model, s, nl, i, ws);
                BpnnAtomEvaluator.Descriptors(model.Elements[e], false, ws);
                lock (gate)
                {
                    count[e]++;
                    for (int f = 0; f < model.Elements[e].Functions.Count; f++)
                    {
                        double g = ws.G[f];
                        min[e][f] = Math.Min(min[e][f], g); max[e][f] = Math.Max(max[e][f], g);
                        sum[e][f] += g; sum2[e][f] += g * g;
                    }
                }
            }
        });
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
}
