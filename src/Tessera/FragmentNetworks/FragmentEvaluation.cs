using Tessera.Core;
using Tessera.Data;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;

namespace Tessera.FragmentNetworks;

/// <summary>Errors of a set of predictions (kcal/mol): count, MAE, RMSE, mean signed error (predicted -
/// reference) and the MAE after removing that mean.</summary>
public sealed record ErrorStatistics(int Count, double Mae, double Rmse, double MeanSignedError, double ShiftedMae)
{
    public static ErrorStatistics Of(IReadOnlyList<double> errors)
    {
        if (errors.Count == 0) return new ErrorStatistics(0, double.NaN, double.NaN, double.NaN, double.NaN);
        double mse = errors.Average();
        return new ErrorStatistics(errors.Count, errors.Average(Math.Abs), Math.Sqrt(errors.Average(e => e * e)), mse,
                                   errors.Average(e => Math.Abs(e - mse)));
    }
}

/// <summary>One predicted fragment (kcal/mol): reference and predicted target, ensemble spread.</summary>
public sealed record FragmentPoint(string Type, int Rank, double Reference, double Predicted, double Spread);

/// <summary>Fragment-level evaluation: per rank and overall errors, the points (for parity plots), and the
/// Spearman rank correlation between ensemble spread and absolute error (NaN for one network); force errors when the
/// fragments carry target forces.</summary>
public sealed record FragmentLevelReport(IReadOnlyList<(int Rank, ErrorStatistics Errors)> PerRank, ErrorStatistics All,
                                         IReadOnlyList<FragmentPoint> Points, double SpreadErrorCorrelation,
                                         FragmentForceReport? Forces = null);

/// <summary>One full structure (kcal/mol, totals): model, references (NaN when absent) and ensemble spread.</summary>
public sealed record StructurePoint(int Frame, double Predicted, double FullReference, double FragmentReference, double Spread);

/// <summary>Structure-level evaluation at one truncation rank, against the full-system reference and the ab initio
/// fragment assembly (either may be absent: Count 0).</summary>
public sealed record StructureLevelReport(int Rank, ErrorStatistics VersusFull, ErrorStatistics VersusFragments,
                                          IReadOnlyList<StructurePoint> Points, double SpreadErrorCorrelation);

/// <summary>Evaluates fragment models on labelled fragments and on full structures.</summary>
public static class FragmentEvaluation
{
    /// <summary>Predicted vs labelled target of every data-set frame (a fragment with delta or E_high); for an increment
    /// model, of every fragment whose faces are in the set too (the others are left out).</summary>
    public static FragmentLevelReport Fragments(FragmentNetworkModel model, IReadOnlyList<Structure> frames, CancellationToken ct = default)
    {
        var level = new FragmentCorrectionLevel(model);
        var labelled = frames.Select((f, i) => FragmentTrainingSample.From(f, model.Delta, i)).ToArray();
        foreach (var type in labelled.Select(s => s.Type).Distinct()) model.For(type); // an unknown type is the first mismatch to report
        var (samples, _) = FragmentTrainer.Targets(labelled, model.Target);
        var points = new FragmentPoint[samples.Length];
        Parallel.For(0, samples.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var sample = samples[i];
            var p = level.Predict(sample.Fragment);
            points[i] = new FragmentPoint(sample.Type, sample.Rank, sample.Target / Units.KcalPerMol, p.Energy / Units.KcalPerMol,
                                          p.Spread / Units.KcalPerMol);
        });
        var perRank = points.GroupBy(p => p.Rank).OrderBy(g => g.Key)
            .Select(g => (g.Key, ErrorStatistics.Of(g.Select(p => p.Predicted - p.Reference).ToArray()))).ToArray();
        return new FragmentLevelReport(perRank, ErrorStatistics.Of(points.Select(p => p.Predicted - p.Reference).ToArray()), points,
                                       Spearman(points.Select(p => p.Spread).ToArray(), points.Select(p => Math.Abs(p.Predicted - p.Reference)).ToArray()),
                                       FragmentForceReport.Of(level, samples, ct));
    }

    /// <summary>Info key of a frame's ab initio fragment assembly at rank R (eV), e.g. written by
    /// <c>tessera calc --fragment rank=R,... --key energy_fragments_rR</c>.</summary>
    public static string FragmentReferenceKey(int rank) => $"energy_fragments_r{rank.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Total energies of full structures with the model assembled at <paramref name="settings"/>' rank, against
    /// the frames' <paramref name="referenceKey"/> info (full-system high level) and the ab initio fragment assembly at
    /// the same rank: computed by <paramref name="fragmentReference"/> when given, else read from the frames'
    /// <see cref="FragmentReferenceKey"/> info when present.</summary>
    public static StructureLevelReport Structures(FragmentNetworkModel model, IPotential? low, IReadOnlyList<Structure> frames,
                                                  FragmentSettings settings, string referenceKey = "energy_high",
                                                  IPotential? fragmentReference = null, CancellationToken ct = default,
                                                  IProgress<int>? progress = null)
    {
        var potential = new FragmentNetworkPotential(model, low, settings);
        var points = new StructurePoint[frames.Count];
        for (int i = 0; i < frames.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var s = frames[i];
            double predicted = potential.Compute(s, Needs.Energy).Energy;
            double full = s.Info.TryGetValue(referenceKey, out var v) && v is double d ? d : double.NaN;
            double fragments = fragmentReference?.Compute(s, Needs.Energy).Energy
                ?? (s.Info.TryGetValue(FragmentReferenceKey(settings.Rank), out var f) && f is double e ? e : double.NaN);
            points[i] = new StructurePoint(i, predicted / Units.KcalPerMol, full / Units.KcalPerMol, fragments / Units.KcalPerMol,
                                           potential.Uncertainty(s, ct) / Units.KcalPerMol);
            progress?.Report(i + 1);
        }
        double[] Errors(Func<StructurePoint, double> reference) =>
            points.Where(p => !double.IsNaN(reference(p))).Select(p => p.Predicted - reference(p)).ToArray();
        var withFull = points.Where(p => !double.IsNaN(p.FullReference)).ToArray();
        return new StructureLevelReport(settings.Rank, ErrorStatistics.Of(Errors(p => p.FullReference)), ErrorStatistics.Of(Errors(p => p.FragmentReference)),
                                        points, Spearman(withFull.Select(p => p.Spread).ToArray(),
                                                         withFull.Select(p => Math.Abs(p.Predicted - p.FullReference)).ToArray()));
    }

    /// <summary>Spearman rank correlation; NaN for fewer than 3 points or a constant series.</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 3) return double.NaN;
        var ra = Ranks(a);
        var rb = Ranks(b);
        double ma = ra.Average(), mb = rb.Average();
        double cov = 0, va = 0, vb = 0;
        for (int i = 0; i < ra.Length; i++) { cov += (ra[i] - ma) * (rb[i] - mb); va += (ra[i] - ma) * (ra[i] - ma); vb += (rb[i] - mb) * (rb[i] - mb); }
        return va > 0 && vb > 0 ? cov / Math.Sqrt(va * vb) : double.NaN;
    }

    /// <summary>Ranks with ties given their average rank.</summary>
    private static double[] Ranks(IReadOnlyList<double> x)
    {
        var order = Enumerable.Range(0, x.Count).OrderBy(i => x[i]).ToArray();
        var ranks = new double[x.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && x[order[j + 1]] == x[order[i]]) j++;
            for (int k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0;
            i = j + 1;
        }
        return ranks;
    }

    /// <summary>Whether a frame is a labelled fragment (rather than a full structure).</summary>
    public static bool IsFragment(Structure s) => FragmentSchema.HasType(s) &&
        (s.Info.ContainsKey(DatasetBuilder.DeltaKey) || s.Info.ContainsKey(DatasetBuilder.HighEnergyKey));
}
