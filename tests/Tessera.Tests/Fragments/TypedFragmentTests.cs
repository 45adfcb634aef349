using Tessera.Core;
using Tessera.Fragments;

namespace Tessera.Tests.Fragments;

/// <summary>A fragment from the fragmentation carries its identity as typed values, and nothing hidden in its structure.</summary>
public class TypedFragmentTests
{
    [Fact]
    public void A_fragment_carries_its_units_type_key_charge_multiplicity_and_atom_map()
    {
        var s = WaterClusters.Build(WaterClusters.Grid(3, 2.8, 2), seed: 2, protonated: true, hydronium: 2);
        var f = Fragmentation.Create(s, FragmentSettings.Create(2, 10.0, unitMultiplicities: [3, 3, 1]));
        var triangle = f.BuildFragment(6);
        Assert.Equal("r2:H2O,H2O,H3O+", triangle.TypeKey);
        Assert.Equal(2, triangle.Rank);
        Assert.Equal(1, triangle.Charge);
        Assert.Equal(5, triangle.Multiplicity); // 1 + (3-1) + (3-1) + (1-1)
        Assert.Equal(f.Units.SelectMany(u => u.Atoms), triangle.AtomMap!);
        Assert.Equal(f.Units.SelectMany((u, i) => u.Atoms.Select(_ => i)), triangle.Units);

        foreach (var (fragment, i) in f.Fragments().Select((x, i) => (x, i)))
        {
            var units = f.Complex.Simplices[i].Units;
            Assert.Equal(units.Length - 1, fragment.Rank);
            Assert.Equal(Fragment.MakeTypeKey(units.Select(u => f.Units[u]), units.Length - 1), fragment.TypeKey);
            Assert.Equal(units.SelectMany(u => f.Units[u].Atoms), fragment.AtomMap!);
            Assert.Equal(units.SelectMany((u, k) => f.Units[u].Atoms.Select(_ => k)), fragment.Units);
            Assert.Equal(units.Sum(u => f.Units[u].Charge), fragment.Charge);
            Assert.Equal(1 + units.Sum(u => f.Units[u].Multiplicity - 1), fragment.Multiplicity);
            Assert.Equal(fragment.AtomMap!.Select(a => s.Numbers[a]), fragment.Structure.Numbers);
            Assert.Equal(fragment.AtomMap!.Select(a => s.Positions[a]), fragment.Structure.Positions);
            Assert.Empty(fragment.Structure.Info);
            Assert.Empty(fragment.Structure.Arrays);
        }
        Assert.Equal([3, 3, 1], f.Units.Select(u => u.Multiplicity));
    }
}
