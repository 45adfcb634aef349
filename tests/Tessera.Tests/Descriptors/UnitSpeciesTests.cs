using Tessera.Core;
using Tessera.Descriptors;
using Tessera.Fragments;

namespace Tessera.Tests.Descriptors;

/// <summary>Pair blocks per element within each unit kind (<see cref="FragmentDescriptorSettings.UnitSpecies"/>).</summary>
public class UnitSpeciesTests
{
    // (H2O)2.H3O+: a hydronium (unit 0) donating to two waters (units 1 and 2), slightly distorted.
    private static readonly Structure Trimer = new([8, 1, 1, 1, 8, 1, 1, 8, 1, 1],
    [
        new(0, 0, 0), new(0.98, 0.05, 0.1), new(-0.45, 0.9, -0.05), new(-0.4, -0.85, 0.3),
        new(2.55, 0.1, 0.2), new(3.0, 0.8, -0.3), new(3.05, -0.7, 0.1),
        new(-1.2, 2.3, 0.1), new(-1.6, 2.7, 0.85), new(-1.9, 2.5, -0.5),
    ]);
    private static readonly int[] Units = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
    private static readonly string[] Kinds = Fragment.UnitFormulas("r2:H2O,H2O,H3O+");

    private static double[] Features(FragmentDescriptorSettings settings, Structure s, int[] units)
    {
        var d = new FragmentDescriptor(settings, [1, 8], Kinds);
        var f = new double[d.Length];
        d.Compute(s.Numbers, s.Positions, units, f);
        return f;
    }

    [Fact]
    public void Unit_species_split_the_element_pair_blocks_and_keep_the_angles()
    {
        var plain = FragmentDescriptorSettings.Default with { UnitSpecies = false };
        double[] split = Features(FragmentDescriptorSettings.Default, Trimer, Units), joint = Features(plain, Trimer, Units);
        int perPair = plain.Intra.Count + plain.Inter.Count + 2, angular = joint.Length - 3 * perPair;
        // 2 kinds x 2 elements = 4 species, 10 pair blocks instead of 3; the angle blocks stay per element.
        Assert.Equal(10 * perPair + angular, split.Length);
        Assert.Equal(joint[^angular..], split[^angular..]);
        // Every pair lands in exactly one block either way: each basis function summed over the blocks agrees.
        for (int k = 0; k < perPair; k++)
        {
            double a = Enumerable.Range(0, 10).Sum(b => split[b * perPair + k]), b = Enumerable.Range(0, 3).Sum(b => joint[b * perPair + k]);
            Assert.True(Math.Abs(a - b) <= 1e-12 * (1 + Math.Abs(b)), $"basis function {k}: {a} vs {b}");
        }
    }

    [Fact]
    public void Ion_water_and_water_water_contacts_fill_different_blocks()
    {
        // The hydronium moved 30 A away: the two waters' O-O contact (2.55 A apart here) must appear in the O(H2O)-O(H2O)
        // block and nowhere in the O(H3O+)-O(H2O) block. Species are kind * elements + element, kinds in key order:
        // 0 H of H2O, 1 O of H2O, 2 H of H3O, 3 O of H3O; blocks run over the upper triangle row by row.
        var far = Trimer.WithPositions(Trimer.Positions.Select((r, i) => Units[i] == 0 ? r + new Vec3(0, 0, 30) : r).ToArray());
        var plain = FragmentDescriptorSettings.PairDistances;
        var f = Features(plain with { UnitSpecies = true }, far, Units);
        int perPair = plain.Intra.Count + plain.Inter.Count + 2, inter = plain.Intra.Count;
        int waterWater = 4, ionWater = 6;  // triangle indices of species pairs (1, 1) and (1, 3) among 4
        double oo = (far.Positions[7] - far.Positions[4]).Length;
        int nearest = (int)Math.Round((oo - plain.Inter.Start) / plain.Inter.Spacing);
        Assert.True(f[waterWater * perPair + inter + nearest] > 0.5, $"water-water O-O Gaussian {f[waterWater * perPair + inter + nearest]}");
        for (int k = 0; k < plain.Inter.Count; k++) Assert.True(f[ionWater * perPair + inter + k] < 1e-6, $"ion-water Gaussian {k}");
        // Element pairs alone put both in one O-O block (index 2 of 3), where the contact shows up as well.
        var joint = Features(plain, far, Units);
        Assert.Equal(f[waterWater * perPair + inter + nearest], joint[2 * perPair + inter + nearest], 12);
    }

    [Fact]
    public void A_unit_of_an_unknown_kind_is_named()
    {
        var d = new FragmentDescriptor(FragmentDescriptorSettings.Default, [1, 8], ["H2O"]);
        var e = Assert.Throws<ArgumentException>(() => d.Compute(Trimer.Numbers, Trimer.Positions, Units, new double[d.Length]));
        Assert.Contains("H3O", e.Message);
        Assert.Contains("H2O", e.Message);
        Assert.Throws<ArgumentException>(() => new FragmentDescriptor(FragmentDescriptorSettings.Default, [1, 8]));
    }

    [Fact]
    public void Formulas_come_from_type_keys()
    {
        Assert.Equal(["H2O", "H2O", "H3O"], Fragment.UnitFormulas("r2:H2O,H2O,H3O+"));
        Assert.Equal(["O4S", "HO"], Fragment.UnitFormulas("r1:O4S-2,HO-"));
        Assert.Equal([1, 1, 1, 8], Element.ParseFormula("H3O").Order());
        Assert.Equal([1, 1, 1, 6, 17], Element.ParseFormula("CH3Cl").Order());
        Assert.Throws<ArgumentException>(() => Element.ParseFormula("h2o").ToArray());
        Assert.Throws<ArgumentException>(() => Fragment.UnitFormulas("H2O"));
    }
}
