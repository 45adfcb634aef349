using System.Globalization;
using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Tests.BadInput;

namespace Tessera.Tests.FragmentNetworks;

public class FragmentModelFileTests
{
    /// <summary>Every fragmentation field away from its default, so a file that drops one cannot read back equal.</summary>
    private static readonly FragmentSettings Unusual = FragmentSettings.Create(
        2, 4.4, switchOn: 3.9, kind: SwitchKind.Smooth, bondTolerance: 1.25, unitCharges: [1, 0, 0, 0], unitMultiplicities: [1, 1, 3, 1],
        reassignment: ReassignmentPolicy.Blend, skipZeroCoefficients: false, blendWidth: 0.27);

    private static readonly FragmentDescriptorSettings UnusualDescriptor = FragmentDescriptorSettings.PairDistances with
    {
        Angular = new AngularBasis(new RadialGrid(0.9, 1.9, 0.25, 0.2), 2, AcrossUnits: false),
    };

    [Fact]
    public void Round_trip_keeps_every_setting_field_by_field()
    {
        var toy = FragmentSettings.Create(1, 3.6, switchOn: 2.7);
        var model = FragmentTrainer.Train(ToyDeltaData.Frames(12, 4, toy, 7, forces: false), Unusual, UnusualDescriptor,
            FragmentTrainingSettings.Create(hidden: [5, 3], ensemble: 2, epochs: 3, patience: 2, seed: 9, maxParallelism: 1, target: FragmentTarget.Increment),
            "xtb-native:gfn2", new Dictionary<string, string> { ["dataset"] = "toy", ["note"] = "round trip" }).Model;
        var path = Path.Combine(Path.GetTempPath(), $"fragnn-rt-{Guid.NewGuid():N}.json");
        try
        {
            FragmentModelFile.Write(path, model);
            // MaxParallelism of the fragmentation is how many cores the loading machine uses, not part of the model.
            DeepAssert.Equal(model, FragmentModelFile.Read(path), "FragmentSettings.MaxParallelism");
        }
        finally { File.Delete(path); }
    }

    /// <summary>A tiny W6 model written by format version 1 (Tessera before the field-by-field fragmentation), with the
    /// corrections the version-1 reader gave on the first five shipped held-out frames: version 1 still reads, and
    /// its predictions, also after writing it again in today's format, agree to 1e-12 eV.</summary>
    [Fact]
    public void Version_1_file_reads_and_predicts_as_before_also_after_rewriting()
    {
        string fixtures = BadInputRunner.RepoPath("tests/Tessera.Tests/FragmentNetworks/Fixtures");
        var v1 = FragmentModelFile.Read(Path.Combine(fixtures, "w6-tiny-v1.json"));
        var before = File.ReadAllLines(Path.Combine(fixtures, "w6-tiny-v1-corrections.txt")).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var frames = StructureFile.Read(BadInputRunner.RepoPath("data/w6/w6-heldout.extxyz.gz")).Take(before.Length).ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"fragnn-v2-{Guid.NewGuid():N}.json");
        try
        {
            FragmentModelFile.Write(path, v1);
            var v2 = FragmentModelFile.Read(path);
            DeepAssert.Equal(v1, v2, "FragmentSettings.MaxParallelism");
            foreach (var model in new[] { v1, v2 })
            {
                var corrections = new FragmentPotential(new FragmentCorrectionLevel(model), null, model.Fragmentation);
                for (int i = 0; i < frames.Length; i++)
                    Assert.Equal(before[i], corrections.Compute(frames[i], Needs.Energy).Energy, 1e-12);
            }
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("\"blend_width\": 0.2", "\"blend_width\": -1", "inconsistent fragmentation settings: blend must be positive")]
    [InlineData("\"skip_zero_coefficients\": true,", "", "not a valid fragment model")]
    public void A_bad_version_2_fragmentation_is_refused_naming_the_file(string find, string replace, string expected)
    {
        var model = FragmentModelFile.Read(BadInputRunner.RepoPath("tests/Tessera.Tests/FragmentNetworks/Fixtures/w6-tiny-v1.json"));
        var path = Path.Combine(Path.GetTempPath(), $"fragnn-bad2-{Guid.NewGuid():N}.json");
        try
        {
            FragmentModelFile.Write(path, model);
            string text = File.ReadAllText(path);
            Assert.Contains(find, text);
            File.WriteAllText(path, text.Replace(find, replace));
            var e = Assert.Throws<FileFormatException>(() => FragmentModelFile.Read(path));
            Assert.Contains(expected, e.Message);
            Assert.Contains(path, e.Message);
        }
        finally { File.Delete(path); }
    }
}
