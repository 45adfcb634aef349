using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.FragmentNetworks;

/// <summary>Force errors of fragment networks on the labelled fragments that carry target forces (kcal/mol/A, over every
/// Cartesian component of every atom): overall, per rank, and the components themselves for a parity plot.</summary>
public sealed record FragmentForceReport(ErrorStatistics All, IReadOnlyList<(int Rank, ErrorStatistics Errors)> PerRank,
                                         double[] Reference, double[] Predicted)
{
    /// <summary>The forces' report, or null when no sample has target forces (energy-only data).</summary>
    public static FragmentForceReport? Of(FragmentCorrectionLevel level, IReadOnlyList<FragmentTrainingSample> samples, CancellationToken ct)
    {
        var labelled = samples.Where(s => s.Forces is not null).ToArray();
        if (labelled.Length == 0) return null;
        var predicted = new Vec3[labelled.Length][];
        Parallel.For(0, labelled.Length, new ParallelOptions { CancellationToken = ct },
                     i => predicted[i] = level.Compute(labelled[i].Fragment, Needs.Forces).Forces!);
        var reference = new List<double>();
        var model = new List<double>();
        var ranks = new List<int>();
        for (int i = 0; i < labelled.Length; i++)
            for (int a = 0; a < predicted[i].Length; a++)
            {
                Add(reference, labelled[i].Forces![a]);
                Add(model, predicted[i][a]);
                ranks.AddRange([labelled[i].Rank, labelled[i].Rank, labelled[i].Rank]);
            }
        var errors = model.Select((p, k) => p - reference[k]).ToArray();
        var perRank = ranks.Distinct().Order()
            .Select(r => (r, ErrorStatistics.Of(errors.Where((_, k) => ranks[k] == r).ToArray()))).ToArray();
        return new FragmentForceReport(ErrorStatistics.Of(errors), perRank, [.. reference], [.. model]);
    }

    private static void Add(List<double> to, Vec3 f)
    {
        to.Add(f.X / Units.KcalPerMol);
        to.Add(f.Y / Units.KcalPerMol);
        to.Add(f.Z / Units.KcalPerMol);
    }
}
