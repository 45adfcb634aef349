using Tessera.Core;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Tests.BadInput;

namespace Tessera.Tests.FragmentNetworks;

/// <summary>The model the README names (data/models/w6-increments.json): what it is, and that its forces are the exact
/// gradient of its energy where smoothness is hardest: edges inside the switching region and a proton being shared.</summary>
public class ShippedModelTests
{
    private static readonly Lazy<FragmentNetworkModel> Model = new(() => FragmentModelFile.Read(BadInputRunner.RepoPath("data/models/w6-increments.json")));
    private static readonly Lazy<Structure[]> Frames = new(() => StructureFile.Read(BadInputRunner.RepoPath("data/w6/w6-heldout.extxyz.gz")).ToArray());

    [Fact]
    public void It_learns_increments_on_a_switched_graph_and_blends_protons()
    {
        var m = Model.Value;
        Assert.Equal(FragmentTarget.Increment, m.Target);
        Assert.True(m.Delta);
        Assert.Equal("xtb-native:gfn2", m.LowLevel);
        Assert.Equal((2, 6.5, 5.5, ReassignmentPolicy.Blend), (m.Fragmentation.Rank, m.Fragmentation.Cutoff, m.Fragmentation.SwitchOn, m.Fragmentation.Reassignment));
    }

    /// <summary>Held-out frames: the first with an edge well inside the switching region, and the first with a shared
    /// proton (blending active).</summary>
    public static TheoryData<string> Cases() => ["switching", "shared-proton"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corrections_pass_finite_differences(string which)
    {
        var corrections = new FragmentNetworkPotential(Model.Value, new HarmonicTestPotential(0)).Corrections;
        var frame = Frames.Value.First(s => which == "switching" ? Switching(s) : SharedProton(s));
        var check = ForceCheck.Run(corrections, frame, 1e-4);
        Assert.True(check.RelativeError < 1e-5, $"{which}: max error {check.MaxAbsError} eV/A (max force {check.MaxForce})");
        Assert.True(check.MaxForce > 1e-3);
    }

    private static bool Switching(Structure s) =>
        Fragmentation.Create(s, Model.Value.Fragmentation).Graph.Edges.Any(e => e.Weight is > 0.1 and < 0.9);

    private static bool SharedProton(Structure s)
    {
        var heavy = Enumerable.Range(0, s.Count).Where(i => s.Numbers[i] > 1).ToArray();
        return Enumerable.Range(0, s.Count).Where(i => s.Numbers[i] == 1).Any(h =>
        {
            var d = heavy.Select(a => (s.Positions[a] - s.Positions[h]).Length).Order().ToArray();
            return d[1] - d[0] < Model.Value.Fragmentation.BlendWidth;
        });
    }
}
