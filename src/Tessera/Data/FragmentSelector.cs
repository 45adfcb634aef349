using Tessera.Core;
using Tessera.Descriptors;
using Tessera.Fragments;

namespace Tessera.Data;

/// <summary>Progress of a selection: fragment types done of the total.</summary>
public readonly record struct SelectionProgress(int TypesDone, int Types, string? CurrentType);

/// <summary>Chooses the fragments to label: per fragment type, descriptors of every pool member, a
/// k-means tessellation into round(fraction * n) cells (the type's own fraction where one is set) and the member nearest each centroid; or, for
/// comparison, as many members drawn at random (the tessellation is still built and saved, since later
/// stages use it as an out-of-distribution signal). Deterministic for a given seed. With
/// <see cref="SelectionSettings.Faces"/> the faces of the chosen simplices in their frames are added.</summary>
public static class FragmentSelector
{
    public static SelectionDocument Select(IReadOnlyList<PoolFragment> pool, SelectionSettings settings, string poolName = "",
                                           CancellationToken ct = default, IProgress<SelectionProgress>? progress = null)
    {
        settings.Validated();
        var groups = pool.GroupBy(f => f.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var unknown = (settings.TypeFractions?.Keys ?? []).Where(t => groups.All(g => g.Key != t)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"The pool has no fragments of type {string.Join(", ", unknown)} named in a per-type fraction; " +
                                        $"its types are {string.Join(", ", groups.Select(g => g.Key))}.");
        var types = new List<TypeSelection>(groups.Length);
        for (int g = 0; g < groups.Length; g++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report(new SelectionProgress(g, groups.Length, groups[g].Key));
            types.Add(SelectType(groups[g].Key, groups[g].OrderBy(f => f.Id).ToArray(), settings, ct));
        }
        progress?.Report(new SelectionProgress(groups.Length, groups.Length, null));
        if (settings.Faces)
        {
            var faces = FaceClosure.Faces(pool, types.SelectMany(t => t.Selected)).ToHashSet();
            types = types.Select(t => t with { Faces = t.PoolIds.Where(faces.Contains).Order().ToArray() }).ToList();
        }
        return new SelectionDocument(SelectionDocument.CurrentFormat, TesseraVersion.Current, DateTime.UtcNow, poolName, pool.Count, settings, types);
    }

    /// <summary>Descriptors (row-major, members x length) of fragments of one type, in parallel.</summary>
    public static double[] Descriptors(FragmentDescriptor descriptor, IReadOnlyList<PoolFragment> members, CancellationToken ct = default)
    {
        int dim = descriptor.Length;
        var x = new double[members.Count * dim];
        Parallel.For(0, members.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var f = members[i];
            descriptor.Compute(f.Structure.Numbers, f.Structure.Positions, f.Units, x.AsSpan(i * dim, dim));
        });
        return x;
    }

    /// <summary>The descriptor a selection uses for one fragment type: its settings, the type's elements and, for unit
    /// species, the unit formulas its key names. The selector, its report and novelty all build it here.</summary>
    public static FragmentDescriptor DescriptorOf(FragmentDescriptorSettings settings, string type, IEnumerable<int> elements) =>
        new(settings, elements, Fragment.UnitFormulas(type));

    private static TypeSelection SelectType(string type, PoolFragment[] members, SelectionSettings settings, CancellationToken ct)
    {
        var elements = members.SelectMany(f => f.Structure.Numbers).Distinct().Order().ToArray();
        var descriptor = DescriptorOf(settings.Descriptor, type, elements);
        var x = Descriptors(descriptor, members, ct);
        var tess = Tessellation.Build(type, x, descriptor.Length, settings.FractionOf(type), settings.Seed);
        var rows = settings.Method == SelectionSettings.Random
            ? Tessellation.RandomSelection(members.Length, tess.Selected.Length, settings.Seed)
            : tess.Selected;
        var ids = members.Select(f => f.Id).ToArray();
        return new TypeSelection(type, elements, tess, ids, rows.Select(r => ids[r]).Order().ToArray());
    }
}
