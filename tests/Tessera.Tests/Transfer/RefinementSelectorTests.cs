using Tessera.Data;
using Tessera.FragmentNetworks;
using Tessera.Tests.Data;
using Tessera.Transfer;

namespace Tessera.Tests.Transfer;

/// <summary>A refinement round's selection: it chooses only fragments outside the known cells, closes them under faces, keeps
/// to the budget, is a valid selection file over the whole pool, and its cells count as known in the next round.</summary>
public class RefinementSelectorTests
{
    private static readonly List<PoolFragment> Small = TestPools.Water(60, seed: 1);
    private static readonly SelectionDocument Known = FragmentSelector.Select(Small, SelectionSettings.Create(0.1, seed: 1));
    private static readonly List<PoolFragment> Larger = [.. TestPools.Water(40, seed: 2), .. Shifted(TestPools.Water(80, seed: 3, jitter: 0.5), 1000)];

    private static IEnumerable<PoolFragment> Shifted(IEnumerable<PoolFragment> pool, long by) =>
        pool.Select(f => f with { Id = f.Id + by, SourceFrame = f.SourceFrame + by });

    [Fact]
    public void Chooses_only_outside_fragments_closes_them_under_faces_and_keeps_to_the_budget()
    {
        var round = RefinementSelector.Select(Larger, [Known], null, new RefinementSettings(Budget: 0.1));
        var doc = round.Selection;
        var inside = round.Novelty.Where(p => !p.IsOutside).Select(p => p.Id).ToHashSet();
        Assert.True(round.Outside > Larger.Count / 3, $"{round.Outside} outside");
        Assert.DoesNotContain(doc.ChosenIds(), inside.Contains);
        Assert.Subset(doc.SelectedIds().ToHashSet(), FaceClosure.Faces(Larger, doc.ChosenIds()).ToHashSet());
        Assert.InRange(doc.SelectedIds().Length, 1, 0.1 * Larger.Count);
        Assert.Equal(SelectionSettings.Refinement, doc.Settings.Method);
        Assert.Equal(Larger.Count, doc.Types.Sum(t => t.PoolIds.Length));
        var path = Path.Combine(Temp.Folder(), "round.json.gz");
        SelectionFile.Write(path, doc);
        Assert.Equal(doc.SelectedIds(), SelectionFile.Read(path).SelectedIds());
        // Every chosen fragment is its own cell's representative, in the known tessellation's units.
        foreach (var t in doc.Types.Where(t => t.Selected.Length > 0))
        {
            Assert.Equal(t.Selected.Length, t.Tessellation.Cells);
            Assert.Equal(Known.ForType(t.Type)!.Tessellation.Mean, t.Tessellation.Mean);
        }
    }

    [Fact]
    public void With_budget_enough_every_slice_becomes_as_tight_as_the_known_cells_and_the_next_round_finds_less_outside()
    {
        var first = RefinementSelector.Select(Larger, [Known], null, new RefinementSettings(Budget: 1.0, SliceSize: 30));
        Assert.All(first.Slices, s => Assert.True(s.Looseness <= 1, $"{s.Type} slice {s.Slice}: looseness {s.Looseness}"));
        Assert.Contains(first.Slices, s => s.Slice > 0); // more outside fragments than one slice holds
        var second = Novelty.Of(Larger, [Known, first.Selection], null);
        Assert.True(second.Count(p => p.IsOutside) < first.Outside / 4, $"{second.Count(p => p.IsOutside)} outside after, {first.Outside} before");
    }

    [Fact]
    public void A_smaller_budget_chooses_fewer_fragments_from_the_loosest_cells()
    {
        var wide = RefinementSelector.Select(Larger, [Known], null, new RefinementSettings(Budget: 0.3));
        var narrow = RefinementSelector.Select(Larger, [Known], null, new RefinementSettings(Budget: 0.05));
        Assert.True(narrow.Selection.SelectedIds().Length < wide.Selection.SelectedIds().Length);
        Assert.True(narrow.Slices.Max(s => s.Looseness!.Value) >= wide.Slices.Max(s => s.Looseness!.Value));
    }

    [Fact]
    public void The_union_of_rounds_holds_every_chosen_fragment_once_with_its_faces()
    {
        var a = RefinementSelector.Select(Larger, [Known], null, new RefinementSettings(Budget: 0.05));
        var b = RefinementSelector.Select(Larger, [Known, a.Selection], null, new RefinementSettings(Budget: 0.05));
        var union = SelectionUnion.Of([a.Selection, b.Selection]);
        Assert.Equal(a.Selection.ChosenIds().Union(b.Selection.ChosenIds()).Order(), union.ChosenIds());
        Assert.Equal(a.Selection.SelectedIds().Union(b.Selection.SelectedIds()).Order(), union.SelectedIds());
        Assert.Empty(b.Selection.ChosenIds().Intersect(a.Selection.ChosenIds()));
    }

    [Fact]
    public void A_budget_smaller_than_one_cell_per_slice_labels_the_loosest_cells_that_fit_and_only_they_become_known()
    {
        var round = RefinementSelector.Select(Larger, [Known], null, new RefinementSettings(Budget: 0.02, SliceSize: 5));
        var doc = round.Selection;
        Assert.True(round.Slices.Count > 0.02 * Larger.Count, $"{round.Slices.Count} slices"); // one cell each would be over the budget
        Assert.InRange(doc.SelectedIds().Length, 1, 0.02 * Larger.Count);
        Assert.All(doc.Types, t => Assert.Equal(t.Selected.Length, t.Tessellation.Cells));
    }

    [Fact]
    public void A_type_the_known_cells_never_saw_is_tessellated_on_its_own()
    {
        var monomersOnly = FragmentSelector.Select(Small.Where(f => f.Type == TestPools.Monomer).ToList(), SelectionSettings.Create(0.1, seed: 1));
        var round = RefinementSelector.Select(Larger, [monomersOnly], null, new RefinementSettings(Budget: 0.5, NewTypeFraction: 0.1));
        var dimers = round.Selection.ForType(TestPools.Dimer)!;
        Assert.Equal((int)Math.Round(0.1 * dimers.PoolIds.Length), dimers.Selected.Length);
        Assert.Equal(dimers.Selected.Length, dimers.Tessellation.Cells);
        Assert.Null(round.Slices.Single(s => s.Type == TestPools.Dimer).Looseness);
    }

    private static readonly FragmentNetworkModel Ensemble = FragmentModelFactory.Untrained(
        TestPools.Water(3, seed: 9).Select(f => f.Structure), Tessera.Fragments.FragmentSettings.Create(1, 4.0),
        Tessera.Descriptors.FragmentDescriptorSettings.Default, FragmentTrainingSettings.Create(hidden: [8], ensemble: 2, seed: 3));

    [Fact]
    public void Picking_by_spread_labels_other_members_of_the_same_cells_those_the_ensemble_disagrees_on_more()
    {
        var nearest = RefinementSelector.Select(Larger, [Known], Ensemble, new RefinementSettings(Budget: 1.0, SliceSize: 30));
        var disputed = RefinementSelector.Select(Larger, [Known], Ensemble, new RefinementSettings(Budget: 1.0, SliceSize: 30, Pick: RepresentativePick.Spread));
        // The cells do not depend on the pick: as many per slice, as loose.
        Assert.Equal(nearest.Slices, disputed.Slices);
        var spread = disputed.Novelty.ToDictionary(p => p.Id, p => p.Spread!.Value);
        var (a, b) = (nearest.Selection.ChosenIds(), disputed.Selection.ChosenIds());
        Assert.Equal(a.Length, b.Length);
        Assert.NotEqual(a, b);
        Assert.True(b.Average(id => spread[id]) > a.Average(id => spread[id]), $"{b.Average(id => spread[id])} vs {a.Average(id => spread[id])}");
        Assert.DoesNotContain(b, id => !disputed.Novelty.Single(p => p.Id == id).IsOutside);
        // Known cells are centred on the fragment labelled, so that one lies inside in the next round.
        var next = Novelty.Of(Larger, [Known, disputed.Selection], null);
        Assert.All(b, id => Assert.False(next.Single(p => p.Id == id).IsOutside));
    }

    [Fact]
    public void Picking_by_spread_without_an_ensemble_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => RefinementSelector.Select(Larger, [Known], null, new RefinementSettings(Pick: RepresentativePick.Spread)));
        Assert.Contains("at least two networks", e.Message);
    }

    [Fact]
    public void Cells_the_budget_left_loose_vouch_only_for_the_known_cell_size_so_the_next_round_still_sees_the_rest_outside()
    {
        var first = RefinementSelector.Select(Larger, [Known], null, new RefinementSettings(Budget: 0.03));
        Assert.Contains(first.Slices, s => s.Looseness > 1.5);
        var target = Known.Types.ToDictionary(t => t.Type, t => t.Tessellation.MedianRadius());
        Assert.All(first.Selection.Types, t => Assert.All(t.Tessellation.Radii, r => Assert.True(r <= target[t.Type] + 1e-12)));
        var second = Novelty.Of(Larger, [Known, first.Selection], null);
        Assert.True(second.Count(p => p.IsOutside) > first.Outside / 2, $"{second.Count(p => p.IsOutside)} outside after, {first.Outside} before");
    }
}
