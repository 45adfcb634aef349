using Tessera.Core;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Tests.BadInput;

namespace Tessera.Tests.FragmentNetworks;

/// <summary>The learned level reads the typed fragment, so a fragment written through the schema and read back gives
/// the same numbers as the one the fragmentation built.</summary>
public class FragmentCorrectionLevelTests
{
    [Fact]
    public void A_fragment_read_back_from_extxyz_gives_the_same_correction_as_the_built_one()
    {
        var model = FragmentModelFile.Read(BadInputRunner.RepoPath("tests/Tessera.Tests/FragmentNetworks/Fixtures/w6-tiny-v1.json"));
        var frame = StructureFile.Read(BadInputRunner.RepoPath("data/w6/w6-heldout.extxyz.gz")).First();
        var built = Fragmentation.Create(frame, model.Fragmentation).Fragments().ToArray();
        Assert.Contains(built, f => f.Rank == 2);
        var path = Path.Combine(Path.GetTempPath(), $"typed-fragments-{Guid.NewGuid():N}.extxyz");
        try
        {
            StructureFile.Write(path, built.Select(FragmentFrames.ToFrame), StructureFile.ExtXyzFormat);
            var read = StructureFile.Read(path).Select((s, i) => FragmentFrames.FromFrame(s, () => $"frame {i}")).ToArray();
            Assert.Equal(built.Length, read.Length);
            var level = new FragmentCorrectionLevel(model);
            for (int i = 0; i < built.Length; i++)
            {
                Assert.Equal(built[i].TypeKey, read[i].TypeKey);
                Assert.Equal(built[i].Rank, read[i].Rank);
                Assert.Equal(built[i].Units, read[i].Units);
                Assert.Equal(built[i].AtomMap, read[i].AtomMap);
                Assert.Equal((built[i].Charge, built[i].Multiplicity), (read[i].Charge, read[i].Multiplicity));
                var a = level.Compute(built[i], Needs.Forces);
                var b = level.Compute(read[i], Needs.Forces);
                Assert.NotEqual(0, a.Energy);
                Assert.Equal(a.Energy, b.Energy, 12);
                for (int k = 0; k < a.Forces!.Length; k++) Assert.True((a.Forces[k] - b.Forces![k]).Length < 1e-12, $"fragment {i} atom {k}");
                Assert.Equal(level.Predict(built[i]).Spread, level.Predict(read[i]).Spread, 12);
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_frame_without_a_fragment_type_is_named_as_not_a_fragment()
    {
        var water = new Structure([8, 1, 1], [new(0, 0, 0), new(0, 0, 0.96), new(0, 0.9, -0.3)]);
        var e = Assert.Throws<ArgumentException>(() => FragmentFrames.FromFrame(water, () => "frame 3"));
        Assert.Contains("frame 3", e.Message);
        Assert.Contains(FragmentSchema.TypeKey, e.Message);
    }
}
