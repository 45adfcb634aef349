using Tessera.Core;
using Tessera.Fragments;

namespace Tessera.Tests.Fragments;

public class UnitFinderTests
{
    [Theory]
    [InlineData(2)] [InlineData(6)] [InlineData(21)]
    public void Protonated_water_gives_one_hydronium_and_waters(int n)
    {
        var s = WaterClusters.Build(WaterClusters.Grid(n, 2.8, n), seed: n, protonated: true, hydronium: n / 2);
        var units = UnitFinder.Find(s);
        Assert.Equal(n, units.Length);
        Assert.Single(units, u => u.TypeKey == "H3O+");
        Assert.Equal(n - 1, units.Count(u => u.TypeKey == "H2O" && u.Charge == 0 && u.Multiplicity == 1));
        Assert.Equal(Enumerable.Range(0, s.Count), units.SelectMany(u => u.Atoms).Order());
        Assert.All(units, u => Assert.Equal(8, s.Numbers[u.Anchors.Single()]));
    }

    [Fact]
    public void Explicit_charges_are_checked_against_the_total()
    {
        var s = WaterClusters.Build(WaterClusters.Grid(3, 2.8, 1), seed: 1, protonated: true);
        var units = UnitFinder.Find(s, charges: [1, 0, 0]);
        Assert.Equal(1, units[0].Charge);
        Assert.Throws<FragmentationException>(() => UnitFinder.Find(s, charges: [0, 0, 0]));
        Assert.Throws<FragmentationException>(() => UnitFinder.Find(s, charges: [1, 0]));
    }

    [Fact]
    public void Odd_electron_unit_without_multiplicity_is_a_clear_error()
    {
        // OH radical next to a water, total charge 0.
        var s = new Structure([8, 1, 8, 1, 1], [new(0, 0, 0), new(0.97, 0, 0), new(3, 0, 0), new(3.6, 0.76, 0), new(3.6, -0.76, 0)]);
        var e = Assert.Throws<FragmentationException>(() => UnitFinder.Find(s));
        Assert.Contains("odd number of electrons", e.Message);
        var units = UnitFinder.Find(s, multiplicities: [2, 1]);
        Assert.Equal("HO", units[0].TypeKey);
        Assert.Throws<FragmentationException>(() => UnitFinder.Find(s, multiplicities: [1, 1]));
    }

    [Fact]
    public void Units_are_found_through_periodic_boundaries()
    {
        // A water whose hydrogens sit across the cell face from its oxygen.
        var cell = Mat3.Diagonal(10, 10, 10);
        var s = new Structure([8, 1, 1, 8, 1, 1],
            [new(0.05, 5, 5), new(9.45, 5.75, 5), new(9.45, 4.25, 5), new(5, 5, 5), new(5.6, 5.75, 5), new(5.6, 4.25, 5)],
            cell, [true, true, true]);
        var units = UnitFinder.Find(s);
        Assert.Equal(2, units.Length);
        Assert.Equal([0, 1, 2], units[0].Atoms);
        var frag = Fragmentation.Create(s, FragmentSettings.Create(0, 4.0)).BuildFragment(0);
        Assert.False(frag.Structure.IsPeriodic);
        Assert.True((frag.Structure.Positions[1] - frag.Structure.Positions[0]).Length < 1.0);
    }

    [Fact]
    public void Type_keys_sort_units_and_name_the_rank()
    {
        var s = WaterClusters.Build(WaterClusters.Grid(3, 2.8, 2), seed: 2, protonated: true, hydronium: 2);
        var f = Fragmentation.Create(s, FragmentSettings.Create(2, 10.0));
        Assert.Equal(["r0:H2O", "r0:H2O", "r0:H3O+", "r1:H2O,H2O", "r1:H2O,H3O+", "r1:H2O,H3O+", "r2:H2O,H2O,H3O+"],
                     f.Fragments().Select(x => x.TypeKey));
        Assert.Equal(1, f.BuildFragment(6).Structure.Charge);
    }
}
