using Tessera.Data;

namespace Tessera.Transfer;

/// <summary>The fragments chosen by several selections of one pool (the rounds of a refinement), with their faces, as one
/// selection document: what the cumulative data set is built from. Tessellations are the last selection's (a data set does not
/// use them).</summary>
public static class SelectionUnion
{
    public static SelectionDocument Of(IReadOnlyList<SelectionDocument> selections)
    {
        if (selections.Count == 0) throw new ArgumentException("No selections to join.");
        var last = selections[^1];
        if (selections.Any(s => s.PoolSize != last.PoolSize)) throw new ArgumentException("The selections were made from different pools.");
        var types = last.Types.Select(t =>
        {
            var chosen = selections.SelectMany(s => s.ForType(t.Type)?.Selected ?? []).ToHashSet();
            var faces = selections.SelectMany(s => s.ForType(t.Type)?.FaceIds ?? []).Where(id => !chosen.Contains(id)).ToHashSet();
            return t with { Selected = [.. chosen.Order()], Faces = [.. faces.Order()] };
        }).ToList();
        return last with { Types = types };
    }
}
