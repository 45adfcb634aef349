using System.Text.Json.Serialization;
using Tessera.Data;
using Tessera.FragmentNetworks;

namespace Tessera.Transfer;

/// <summary>Which fragment of a cell is labelled: the one nearest the cell's centroid, or the one the model's ensemble
/// disagrees on most. On W21 the distance to the nearest W6 centroid did not rank the held-out fragments' errors (Spearman
/// 0.05-0.09 per rank) where the ensemble spread did (0.24-0.46), so the cells say where to look and the spread what to
/// label there.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RepresentativePick>))]
public enum RepresentativePick { Nearest, Spread }

/// <summary>How a refinement round selects: the labelling budget (chosen fragments and their faces, as a fraction of the
/// pool), the largest slice re-tessellated at once, the seed, the fraction of a fragment type the known cells have
/// never seen that is tessellated the ordinary way (it has no cells to be as tight as), and which member of a cell is
/// labelled.</summary>
public sealed record RefinementSettings(double Budget = 0.05, int SliceSize = 4000, int Seed = 1, double NewTypeFraction = 0.1,
                                        RepresentativePick Pick = RepresentativePick.Nearest)
{
    public RefinementSettings Validated()
    {
        if (!(Budget > 0 && Budget <= 1)) throw new ArgumentException($"The labelling budget must be a fraction of the pool in (0, 1], got {Budget}.");
        if (SliceSize < 2) throw new ArgumentException($"A slice must hold at least 2 fragments, got {SliceSize}.");
        if (!(NewTypeFraction > 0 && NewTypeFraction <= 1)) throw new ArgumentException($"The new-type fraction must be in (0, 1], got {NewTypeFraction}.");
        return this;
    }
}

/// <summary>One slice after the round: its type, how many fragments it held, the cells it was cut into, and its loosest
/// cell's radius over the target (at most 1 when the budget let every cell become as tight as the known cells; null for a
/// new type).</summary>
public sealed record SliceSummary(string Type, int Rank, int Slice, int Fragments, int Cells, double? Looseness);

/// <summary>A round's selection (method "refinement", over the whole pool, so that labelling and data sets take it as they
/// take any selection), every pool fragment's novelty against the known cells, and the slices.</summary>
public sealed record RefinementSelection(SelectionDocument Selection, NoveltyPoint[] Novelty, IReadOnlyList<SliceSummary> Slices)
{
    public int Outside => Novelty.Count(p => p.IsOutside);
}

/// <summary>Where a larger system's pool has gone that the training has not, and what to label there (issue 14, steps 2-3):
/// the fragments outside every known cell (the small system's tessellation and earlier rounds') are cut per type into
/// slices of at most <see cref="RefinementSettings.SliceSize"/> (in pool order, so a slice is a stretch of the trajectory),
/// and each slice is tessellated recursively (<see cref="RecursiveTessellation"/>) in the known tessellation's standardised
/// units until its cells are as tight as the known median cell; the loosest cell over all slices is split first, so a
/// budget that runs out leaves the tightest sampling it can. One fragment per cell is chosen and closed under faces.</summary>
public static class RefinementSelector
{
    public static RefinementSelection Select(IReadOnlyList<PoolFragment> pool, IReadOnlyList<SelectionDocument> known, FragmentNetworkModel? model,
                                             RefinementSettings settings, string poolName = "", CancellationToken ct = default)
    {
        settings = settings.Validated();
        if (known.Count == 0) throw new ArgumentException("Refinement needs the selection (tessellation) the model's training set came from.");
        var novelty = Novelty.Of(pool, known, model, ct);
        var outside = novelty.Where(p => p.IsOutside).Select(p => p.Id).ToHashSet();
        var spread = settings.Pick == RepresentativePick.Spread ? SpreadById(novelty, model) : null;
        var types = pool.GroupBy(f => f.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => TypeSlices.Of(g.Key, g.OrderBy(f => f.Id).ToArray(), outside, known, settings, ct, spread)).ToArray();
        double budget = settings.Budget * pool.Count;
        int cap = (int)Math.Floor(budget);
        for (int attempt = 0; ; attempt++)
        {
            var chosen = Split(types, cap, ct);
            var faces = FaceClosure.Faces(pool, chosen.Values.SelectMany(ids => ids));
            int labels = chosen.Values.Sum(ids => ids.Length) + faces.Length;
            // Faces come with the chosen fragments: shrink the number chosen until both fit the budget.
            if (labels <= budget) return Result(pool, types, chosen, faces.ToHashSet(), known, settings, novelty, poolName);
            if (attempt == 8 || cap <= types.Sum(t => t.MinimumCells))
            {
                // Even one cell per slice is over the budget: label the loosest cells' representatives that fit.
                var kept = WithinBudget(pool, types, budget);
                return Result(pool, types, kept, FaceClosure.Faces(pool, kept.Values.SelectMany(ids => ids)).ToHashSet(), known, settings, novelty, poolName);
            }
            cap = Math.Max(types.Sum(t => t.MinimumCells), (int)Math.Floor(cap * budget / labels));
        }
    }

    /// <summary>Each fragment's ensemble spread by id (a type the model has no networks for has none, and keeps the nearest pick).</summary>
    private static Dictionary<long, double> SpreadById(NoveltyPoint[] novelty, FragmentNetworkModel? model)
    {
        if (model is null || model.EnsembleSize < 2)
            throw new ArgumentException("Picking cells' members by the ensemble spread needs a model with at least two networks per type " +
                                        $"(this one has {model?.EnsembleSize ?? 0}); pick the nearest instead.");
        return novelty.Where(p => p.Spread is not null).ToDictionary(p => p.Id, p => p.Spread!.Value);
    }

    /// <summary>Splits the loosest slice until every cell is as tight as the target or <paramref name="cap"/> fragments are
    /// chosen; returns the chosen ids per type.</summary>
    private static Dictionary<string, long[]> Split(TypeSlices[] types, int cap, CancellationToken ct)
    {
        foreach (var t in types) t.Reset();
        var slices = types.SelectMany(t => t.Slices).ToArray();
        int chosen = types.Sum(t => t.MinimumCells);
        while (chosen < cap && slices.Length > 0)
        {
            ct.ThrowIfCancellationRequested();
            var loosest = slices.MaxBy(s => s.Looseness)!;
            if (loosest.Looseness <= 1 || !loosest.SplitLoosest()) break;
            chosen++;
        }
        return types.ToDictionary(t => t.Type, t => t.ChosenIds());
    }

    /// <summary>The cells' representatives, loosest cell first, as long as each with its new faces fits the budget.</summary>
    private static Dictionary<string, long[]> WithinBudget(IReadOnlyList<PoolFragment> pool, TypeSlices[] types, double budget)
    {
        var facesOf = FaceClosure.ProperFaces(pool);
        var labelled = new HashSet<long>();
        var kept = types.ToDictionary(t => t.Type, _ => new List<long>());
        foreach (var (type, id, _) in types.SelectMany(t => t.Candidates().Select(c => (t.Type, c.Id, c.Looseness)))
                                           .OrderByDescending(c => c.Looseness).ThenBy(c => c.Id))
        {
            var added = facesOf(id).Append(id).Where(x => !labelled.Contains(x)).ToArray();
            if (labelled.Count + added.Length > budget) continue;
            labelled.UnionWith(added);
            kept[type].Add(id);
        }
        return kept.ToDictionary(k => k.Key, k => k.Value.Order().ToArray());
    }

    private static RefinementSelection Result(IReadOnlyList<PoolFragment> pool, TypeSlices[] types, Dictionary<string, long[]> chosen,
                                              HashSet<long> faces, IReadOnlyList<SelectionDocument> known, RefinementSettings settings,
                                              NoveltyPoint[] novelty, string poolName)
    {
        var selections = types.Select(t => new TypeSelection(t.Type, t.Elements, t.CellsAsTessellation(settings.Seed, chosen[t.Type]), t.Ids, chosen[t.Type],
                                                             t.Ids.Where(faces.Contains).ToArray())).ToList();
        var selectionSettings = new SelectionSettings(settings.Budget, settings.Seed, SelectionSettings.Refinement, known[0].Settings.Descriptor, Faces: true);
        var document = new SelectionDocument(SelectionDocument.CurrentFormat, Core.TesseraVersion.Current, DateTime.UtcNow, poolName, pool.Count,
                                             selectionSettings, selections);
        return new RefinementSelection(document, novelty, types.SelectMany(t => t.Summaries()).ToArray());
    }
}
