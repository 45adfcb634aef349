using Tessera.Core;
using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Tests.BadInput;

namespace Tessera.Tests.FragmentNetworks;

/// <summary>The shared evaluation of all of a structure's fragments (descriptor parts of common units computed once, the
/// first layer summed from them, adjoints pooled per part) against the same model fragment by fragment: energies, forces
/// and virial agree to rounding, on W21 frames, with and without a shared proton, at rank 3, and after the networks
/// change.</summary>
public class SharedSubsetEvaluationTests
{
    private static FragmentNetworkModel Model() => FragmentModelFile.Read(BadInputRunner.RepoPath("data/models/w6-increments.json"));
    private static readonly Lazy<Structure[]> W21 = new(() => StructureFile.Read(BadInputRunner.RepoPath("data/w21/w21-heldout.extxyz.gz")).ToArray());
    private static readonly Lazy<Structure[]> W6 = new(() => StructureFile.Read(BadInputRunner.RepoPath("data/w6/w6-heldout.extxyz.gz")).ToArray());

    /// <summary>The same level without its batch: the assembly then asks fragment by fragment.</summary>
    private sealed class OneByOne(IFragmentLevel level) : IFragmentLevel
    {
        public string Name => level.Name;
        public PotentialResult Compute(Fragment fragment, Needs needs) => level.Compute(fragment, needs);
    }

    private static (FragmentPotential Shared, FragmentPotential OneByOne) Pair(FragmentNetworkModel model, FragmentSettings? settings = null)
    {
        var level = new FragmentCorrectionLevel(model);
        var s = settings ?? model.Fragmentation;
        return (new FragmentPotential(level, null, s, model.Target), new FragmentPotential(new OneByOne(level), null, s, model.Target));
    }

    private static void AssertSame(PotentialResult a, PotentialResult b, string what)
    {
        Assert.True(Math.Abs(a.Energy - b.Energy) <= 1e-9, $"{what}: energy {a.Energy:F12} vs {b.Energy:F12} eV");
        if (b.Forces is { } fb)
        {
            double worst = a.Forces!.Select((f, i) => (f - fb[i]).Length).Max();
            Assert.True(worst <= 1e-9, $"{what}: forces differ by up to {worst:E2} eV/A");
            Assert.True(fb.Max(f => f.Length) > 1e-3, $"{what}: the forces are all near zero, so the comparison says nothing");
        }
        if (b.Virial is { } wb)
        {
            var wa = a.Virial!.Value.ToRowMajor();
            var wr = wb.ToRowMajor();
            for (int k = 0; k < 9; k++) Assert.True(Math.Abs(wa[k] - wr[k]) <= 1e-9, $"{what}: virial[{k}] {wa[k]} vs {wr[k]}");
        }
    }

    private static bool SharesAProton(Structure s, FragmentSettings settings)
    {
        var f = Fragmentation.Create(s, settings);
        return f.Units.Any(u => u.Atoms.Length != 3) &&
               s.Numbers.Select((z, h) => (z, h)).Where(x => x.z == 1).Any(x =>
               {
                   var d = Enumerable.Range(0, s.Count).Where(a => s.Numbers[a] == 8).Select(a => (s.Positions[a] - s.Positions[x.h]).Length).Order().ToArray();
                   return d[1] - d[0] < settings.BlendWidth;
               });
    }

    [Fact]
    public void W21_frames_agree_with_fragment_by_fragment_evaluation()
    {
        var model = Model();
        var (shared, single) = Pair(model);
        var frames = W21.Value.Take(3).Append(W21.Value.First(s => SharesAProton(s, model.Fragmentation))).ToArray();
        foreach (var (s, i) in frames.Select((s, i) => (s, i)))
        {
            AssertSame(shared.Compute(s, Needs.Forces | Needs.Virial), single.Compute(s, Needs.Forces | Needs.Virial), $"W21 frame {i}");
            AssertSame(shared.Compute(s, Needs.Energy), single.Compute(s, Needs.Energy), $"W21 frame {i}, energy only");
        }
    }

    /// <summary>The frame's most shared hydrogen moved to the midpoint of its two nearest oxygens: both assignments weigh
    /// 1/2, and the pooled evaluation of the two must keep apart the units that keep their first atom but swap the proton
    /// (the hydronium of one assignment is a water in the other).</summary>
    private static Structure ProtonHalfway(Structure s)
    {
        var oxygens = Enumerable.Range(0, s.Count).Where(a => s.Numbers[a] == 8).ToArray();
        var (h, o1, o2) = Enumerable.Range(0, s.Count).Where(a => s.Numbers[a] == 1).Select(h =>
        {
            var near = oxygens.OrderBy(o => (s.Positions[o] - s.Positions[h]).Length).Take(2).ToArray();
            return (H: h, O1: near[0], O2: near[1]);
        }).MinBy(x => (s.Positions[x.O2] - s.Positions[x.H]).Length - (s.Positions[x.O1] - s.Positions[x.H]).Length);
        // Off the O-O axis (a bent hydrogen bond) but equidistant from both oxygens.
        var axis = s.Positions[o2] - s.Positions[o1];
        var side = Vec3.Cross(axis, new Vec3(0.3, -0.5, 0.8));
        var positions = s.Positions.ToArray();
        positions[h] = (s.Positions[o1] + s.Positions[o2]) / 2 + side * (0.15 / side.Length);
        return s.WithPositions(positions);
    }

    [Fact]
    public void Two_equally_weighted_proton_assignments_pooled_agree_with_each_assembled_alone()
    {
        var model = Model();
        var (shared, single) = Pair(model);
        foreach (var (s, what) in new[] { (ProtonHalfway(W6.Value[3]), "W6"), (ProtonHalfway(W21.Value[1]), "W21") })
        {
            var blend = ProtonBlend.Find(s, [.. Fragmentation.Create(s, model.Fragmentation).Units.Select(u => u.Atoms)],
                                         model.Fragmentation.BlendWidth, model.Fragmentation.Switch);
            Assert.True(blend.Hydrogens.Any(h => Math.Abs(h.P1 - 0.5) < 1e-9),
                        $"{what}: the moved proton is not shared half and half");
            // Pooled, the assignments' fragments are evaluated together (the shared path answers rather than declining).
            var pooled = Enumerable.Range(0, blend.Configurations)
                .SelectMany(mask => Fragmentation.Create(s, model.Fragmentation, blend.Groups(mask)).Fragments()).ToArray();
            Assert.NotNull(new FragmentCorrectionLevel(model).ComputeWeighted(pooled, Enumerable.Repeat(1.0, pooled.Length).ToArray(),
                                                                               s.Count, Needs.Forces, 1, default));
            AssertSame(shared.Compute(s, Needs.Forces | Needs.Virial), single.Compute(s, Needs.Forces | Needs.Virial), $"{what}, proton halfway");
        }
    }

    [Fact]
    public void Rank_three_tetramers_are_sums_of_their_parts()
    {
        // The shipped model has no rank-3 networks: untrained ones of the same architecture stand in (the timing and the
        // identity do not depend on the weights).
        var model = Model();
        var types = model.Types.ToList();
        foreach (var t in model.Types.Where(t => t.Type.StartsWith("r2:", StringComparison.Ordinal)))
        {
            var units = Fragment.UnitFormulas(t.Type);
            foreach (var extra in new[] { "H2O" })
            {
                var keys = units.Append(extra).Select(u => u == "H3O" ? "H3O+" : u).Order(StringComparer.Ordinal).ToArray();
                string key = "r3:" + string.Join(",", keys);
                if (types.Any(x => x.Type == key)) continue;
                var d = new FragmentDescriptor(t.Descriptor.Settings, t.Descriptor.Elements, Fragment.UnitFormulas(key));
                types.Add(FragmentTypeNetworks.CreateUntrained(key, d, new double[d.Length], Enumerable.Repeat(1.0, d.Length).ToArray(),
                                                               t.OutputMean, t.OutputScale, [16, 16], Tessera.Networks.Activation.Tanh, 2, 7));
            }
        }
        var r3 = new FragmentNetworkModel(model.Fragmentation with { Rank = 3 }, model.DescriptorSettings, model.Delta, types,
                                          model.LowLevel, model.HighLevel, model.Training, model.Provenance, model.Target);
        var (shared, single) = Pair(r3);
        var s = W6.Value[0];
        AssertSame(shared.Compute(s, Needs.Forces | Needs.Virial), single.Compute(s, Needs.Forces | Needs.Virial), "W6 at rank 3");
    }

    [Fact]
    public void Changed_networks_are_folded_again()
    {
        var model = Model();
        var (shared, single) = Pair(model);
        var s = W6.Value[1];
        var before = shared.Compute(s, Needs.Forces);
        var dimer = model.For("r1:H2O,H2O");
        dimer.Members[0].Parameters[5] += 0.05;  // a first-layer weight, as a trainer would change it in place
        dimer.InputMean[3] += 0.01;
        var after = shared.Compute(s, Needs.Forces);
        Assert.True(Math.Abs(after.Energy - before.Energy) > 1e-6, "the change did not reach the shared evaluation");
        AssertSame(after, single.Compute(s, Needs.Forces), "after the change");
    }

    [Fact]
    public void A_periodic_box_where_fragments_see_different_images_falls_back_to_one_by_one()
    {
        var model = Model();
        var w6 = W6.Value[2];
        var level = new FragmentCorrectionLevel(model);
        var centre = w6.Positions.Aggregate(Vec3.Zero, (a, b) => a + b) / w6.Count;
        // Wide box: every fragment sees its units at the same images, and the shared path answers. A box as small as a
        // 4 A cutoff allows: units on opposite sides of the cluster meet through the boundary in one fragment and directly
        // in another, and the shared path declines; the assembly then goes fragment by fragment, with the same result.
        foreach (var (edge, cutoff, shares) in new[] { (40.0, 6.5, true), (8.1, 4.0, false) })
        {
            var box = new Structure(w6.Numbers, w6.Positions.Select(r => r - centre + new Vec3(edge / 2, edge / 2, edge / 2)).ToArray(),
                                    Mat3.Diagonal(edge, edge, edge), [true, true, true], w6.Charge, w6.Multiplicity);
            var settings = model.Fragmentation with { Cutoff = cutoff, SwitchOn = cutoff - 1, Reassignment = ReassignmentPolicy.Report };
            var fragments = Fragmentation.Create(box, settings).Fragments().ToArray();
            var result = level.ComputeWeighted(fragments, Enumerable.Repeat(1.0, fragments.Length).ToArray(), box.Count, Needs.Forces, 1, default);
            Assert.Equal(shares, result is not null);
            var (shared, single) = Pair(model, settings);
            AssertSame(shared.Compute(box, Needs.Forces | Needs.Virial), single.Compute(box, Needs.Forces | Needs.Virial), $"box {edge} A");
        }
    }
}
