using Tessera.Core;
using Tessera.Data;

namespace Tessera.FragmentNetworks;

/// <summary>Where one pool fragment lies against a training tessellation: the distance to the nearest centroid of its
/// type (standardised units of that tessellation's descriptor), that distance over the cell's radius or the median cell
/// radius, whichever is larger (above 1: outside every training cell of the type) and the model's ensemble spread (kcal/mol). A type the training never saw has neither
/// distance (<see cref="IsNewType"/>); a type the model has no networks for has no spread.</summary>
public sealed record NoveltyPoint(long Id, string Type, int Rank, double? Distance, double? RelativeDistance, double? Spread)
{
    public bool IsNewType => Distance is null;
    public bool IsOutside => IsNewType || RelativeDistance > 1;
}

/// <summary>One fragment type's novelty: how many, how many outside the training cells, medians and the 90th percentiles
/// of the distance and of the spread (null where there are none).</summary>
public sealed record NoveltySummary(string Type, int Rank, int Count, int Outside, double? MedianDistance, double? Distance90,
                                    double? MedianSpread, double? Spread90);

/// <summary>Where a new pool has been that the training data has not (the first step of transfer to a larger system): each
/// fragment against the tessellation its type's training set came from (the selection file keeps its centroids, cell radii
/// and feature scaling) and, with a model, the ensemble spread. Both are out-of-distribution signals; the fragments
/// outside the training cells are the slice to refine.</summary>
public static class Novelty
{
    public static NoveltyPoint[] Of(IReadOnlyList<PoolFragment> pool, SelectionDocument training, FragmentNetworkModel? model,
                                    CancellationToken ct = default) => Of(pool, [training], model, ct);

    /// <summary>Against several tessellations at once (the small system's selection and the refinement rounds after it): a
    /// fragment is inside when it is inside a cell of any of them; the distance reported is the one to the tessellation it
    /// is relatively nearest.</summary>
    public static NoveltyPoint[] Of(IReadOnlyList<PoolFragment> pool, IReadOnlyList<SelectionDocument> known, FragmentNetworkModel? model,
                                    CancellationToken ct = default)
    {
        var points = new NoveltyPoint[pool.Count];
        foreach (var group in Enumerable.Range(0, pool.Count).GroupBy(i => pool[i].Type, StringComparer.Ordinal))
        {
            var cells = known.Select(doc => (doc, type: doc.ForType(group.Key))).Where(x => x.type is { Tessellation.Cells: > 0 })
                .Select(x => new KnownCells(x.type!.Tessellation, FragmentSelector.DescriptorOf(x.doc.Settings.Descriptor, x.type.Type, x.type.Elements),
                                            x.type.Tessellation.MedianRadius())) // cells of one member have radius 0
                .ToArray();
            bool spread = model?.Knows(group.Key) == true;
            var rows = group.ToArray();
            int length = cells.Length == 0 ? 0 : cells.Max(c => c.Descriptor.Length);
            Parallel.For(0, rows.Length, new ParallelOptions { CancellationToken = ct }, () => (new FragmentWorkspace(), new double[length]),
                (k, _, local) =>
                {
                    var f = pool[rows[k]];
                    double? distance = null, relative = null;
                    foreach (var c in cells)
                    {
                        var x = local.Item2.AsSpan(0, c.Descriptor.Length);
                        c.Descriptor.Compute(f.Structure.Numbers, f.Structure.Positions, f.Units, x);
                        var (_, d, r) = c.Tessellation.Locate(x, c.MinimumSize);
                        if (relative is null || r < relative) (distance, relative) = (d, r);
                    }
                    double? s = spread ? model!.Predict(f.Type, f.Structure.Numbers, f.Structure.Positions, f.Units, Span<Vec3>.Empty, local.Item1).Spread / Units.KcalPerMol : null;
                    points[rows[k]] = new NoveltyPoint(f.Id, f.Type, f.Rank, distance, relative, s);
                    return local;
                }, _ => { });
        }
        return points;
    }

    private sealed record KnownCells(Tessellation Tessellation, Descriptors.FragmentDescriptor Descriptor, double MinimumSize);

    /// <summary>Per type (ordered by rank, then name) counts, medians and 90th percentiles.</summary>
    public static NoveltySummary[] Summarise(IEnumerable<NoveltyPoint> points) =>
        points.GroupBy(p => (p.Rank, p.Type)).OrderBy(g => g.Key.Rank).ThenBy(g => g.Key.Type, StringComparer.Ordinal).Select(g =>
        {
            var d = g.Where(p => p.Distance is not null).Select(p => p.Distance!.Value).Order().ToArray();
            var s = g.Where(p => p.Spread is not null).Select(p => p.Spread!.Value).Order().ToArray();
            return new NoveltySummary(g.Key.Type, g.Key.Rank, g.Count(), g.Count(p => p.IsOutside),
                                      Quantile(d, 0.5), Quantile(d, 0.9), Quantile(s, 0.5), Quantile(s, 0.9));
        }).ToArray();

    /// <summary>The q-quantile of sorted values (nearest rank), null when there are none.</summary>
    private static double? Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
