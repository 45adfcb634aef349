using Tessera.Data;

namespace Tessera.Transfer;

/// <summary>One fragment type of a refinement pool: its fragments outside the known cells, cut into slices, each tessellated
/// recursively in the units of the known tessellation of the type (the first known selection that has cells for it). A type
/// no known selection has is tessellated the ordinary way (k-means into <see cref="RefinementSettings.NewTypeFraction"/> of
/// its fragments), since there is no cell size to match.</summary>
internal sealed class TypeSlices
{
    private sealed record Slice(int Index, int[] Rows, double[] Points)
    {
        public RecursiveTessellation? Cells { get; set; }
    }

    private readonly Slice[] _slices;
    private readonly Tessellation? _reference;
    private readonly Tessellation? _newType;
    private readonly Dictionary<int, double[]>? _newTypePoints; // a new type's descriptors by type row
    private readonly double[]? _spread; // ensemble spread by type row, when cells label their most disputed member
    private readonly int _dimension, _seed;
    private readonly double _target;

    public string Type { get; }
    public int Rank { get; }
    public long[] Ids { get; }
    public int[] Elements { get; }

    private TypeSlices(string type, int rank, long[] ids, int[] elements, Slice[] slices, Tessellation? reference, Tessellation? newType,
                       int dimension, double target, int seed, Dictionary<int, double[]>? newTypePoints = null, double[]? spread = null)
    {
        (Type, Rank, Ids, Elements, _slices, _reference, _newType, _dimension, _target, _seed, _newTypePoints, _spread) =
            (type, rank, ids, elements, slices, reference, newType, dimension, target, seed, newTypePoints, spread);
        Reset();
    }

    public static TypeSlices Of(string type, PoolFragment[] members, HashSet<long> outside, IReadOnlyList<SelectionDocument> known,
                                RefinementSettings settings, CancellationToken ct, IReadOnlyDictionary<long, double>? spreadById = null)
    {
        var ids = members.Select(f => f.Id).ToArray();
        var spread = spreadById is not null && ids.All(spreadById.ContainsKey) ? ids.Select(id => spreadById[id]).ToArray() : null;
        var rows = Enumerable.Range(0, members.Length).Where(i => outside.Contains(ids[i])).ToArray();
        var (doc, reference) = known.Select(d => (d, t: d.ForType(type))).FirstOrDefault(x => x.t is { Tessellation.Cells: > 0 });
        var elements = reference?.Elements ?? members.SelectMany(f => f.Structure.Numbers).Distinct().Order().ToArray();
        var descriptor = FragmentSelector.DescriptorOf((doc ?? known[0]).Settings.Descriptor, type, elements);
        int dim = descriptor.Length;
        var x = FragmentSelector.Descriptors(descriptor, rows.Select(r => members[r]).ToArray(), ct);
        double target = reference is null ? 0 : TargetRadius(reference.Tessellation);
        if (reference is null || target <= 0)
        {
            var fresh = rows.Length == 0 ? null : Data.Tessellation.Build(type, x, dim, settings.NewTypeFraction, settings.Seed);
            var points = Enumerable.Range(0, rows.Length).ToDictionary(i => rows[i], i => x.AsSpan(i * dim, dim).ToArray());
            return new TypeSlices(type, members[0].Rank, ids, elements, [], null, fresh is null ? null : fresh with { Selected = [.. fresh.Selected.Select(s => rows[s])] },
                                  dim, 0, settings.Seed, points);
        }
        var known0 = reference.Tessellation;
        for (int i = 0; i < x.Length; i++) x[i] = (x[i] - known0.Mean[i % dim]) / known0.Scale[i % dim];
        var slices = rows.Chunk(settings.SliceSize).Select((chunk, s) =>
            new Slice(s, chunk, x.AsSpan(s * settings.SliceSize * dim, chunk.Length * dim).ToArray())).ToArray();
        return new TypeSlices(type, members[0].Rank, ids, elements, slices, known0, null, dim, target, settings.Seed, spread: spread);
    }

    /// <summary>The size a new cell should have: the known tessellation's median cell radius (cells of one member have radius
    /// 0, so where most are single the mean of the others).</summary>
    private static double TargetRadius(Tessellation t)
    {
        double median = t.MedianRadius();
        var positive = t.Radii.Where(r => r > 0).ToArray();
        return median > 0 ? median : positive.Length > 0 ? positive.Average() : 0;
    }

    /// <summary>Every slice back to one cell (a new round of splitting starts from scratch; it is deterministic).</summary>
    public void Reset()
    {
        foreach (var s in _slices) s.Cells = new RecursiveTessellation(s.Points, _dimension, _target, unchecked(_seed * 31 + s.Index));
    }

    public IEnumerable<RecursiveTessellation> Slices => _slices.Select(s => s.Cells!);

    /// <summary>Cells there are before any split: one per slice, and the new type's cells.</summary>
    public int MinimumCells => _slices.Length + (_newType?.Cells ?? 0);

    public long[] ChosenIds() => Rows().Select(r => Ids[r]).Order().ToArray();

    /// <summary>Each cell's representative and the cell's radius over the target (a new type's cells: 1).</summary>
    public IEnumerable<(long Id, double Looseness)> Candidates() => _newType is not null
        ? _newType.Selected.Select(r => (Ids[r], 1.0))
        : _slices.SelectMany(s => s.Cells!.Cells.Select(c => (Ids[s.Rows[Pick(s, c)]], c.Radius / _target)));

    /// <summary>The member of a cell that is labelled (slice row): nearest the centroid, or the one with the largest ensemble
    /// spread when the round picks by spread (ties: the first).</summary>
    private int Pick(Slice s, RecursiveCell c)
    {
        if (_spread is null) return c.Representative;
        int best = c.Members[0];
        foreach (int m in c.Members) if (_spread[s.Rows[m]] > _spread[s.Rows[best]]) best = m;
        return best;
    }

    /// <summary>The round's cells of this type whose representatives are <paramref name="chosen"/>, as a tessellation over the
    /// type's whole pool (rows index <see cref="Ids"/>): only a labelled cell counts as known in the next round: centred on its
    /// labelled fragment and with its radius capped at the target, since a cell the budget left looser than the known cells
    /// vouches only for as much around what was labelled as a known cell would (uncapped, round 1 of W21 left 29 of 7128 outside fragments for round 2).</summary>
    public Tessellation CellsAsTessellation(int seed, IReadOnlyCollection<long> chosen)
    {
        var keep = chosen.ToHashSet();
        if (_newType is not null)
        {
            // A chosen member's cell is the one whose centroid it is nearest (it was picked as nearest to that centroid).
            var cellsKept = _newType.Selected.Where(r => keep.Contains(Ids[r])).Select(r => _newType.Locate(_newTypePoints![r]).Cell).Distinct().Order().ToArray();
            return _newType with
            {
                PoolSize = Ids.Length, Radii = [.. cellsKept.Select(c => _newType.Radii[c])], Selected = [.. _newType.Selected.Where(r => keep.Contains(Ids[r]))],
                Centroids = [.. cellsKept.SelectMany(c => _newType.Centroids.Skip(c * _dimension).Take(_dimension))],
            };
        }
        var cells = _slices.SelectMany(s => s.Cells!.Cells.Select(c => (Cell: c, Slice: s, Member: Pick(s, c))))
            .Select(c => (c.Cell, Row: c.Slice.Rows[c.Member], At: c.Slice.Points.AsSpan(c.Member * _dimension, _dimension).ToArray()))
            .Where(c => keep.Contains(Ids[c.Row])).ToArray();
        return new Data.Tessellation(Type, _dimension, _reference?.Mean ?? new double[_dimension], _reference?.Scale ?? Enumerable.Repeat(1.0, _dimension).ToArray(),
                                     cells.SelectMany(c => c.At).ToArray(), cells.Select(c => Math.Min(c.Cell.Radius, _target)).ToArray(),
                                     cells.Select(c => c.Row).Order().ToArray(), Ids.Length, seed);
    }

    public IEnumerable<SliceSummary> Summaries() => _newType is not null
        ? [new SliceSummary(Type, Rank, 0, _newType.PoolSize, _newType.Cells, null)]
        : _slices.Select(s => new SliceSummary(Type, Rank, s.Index, s.Rows.Length, s.Cells!.Cells.Count, s.Cells.Looseness));

    private IEnumerable<int> Rows() => _newType is not null
        ? _newType.Selected
        : _slices.SelectMany(s => s.Cells!.Cells.Select(c => s.Rows[Pick(s, c)]));
}
