using Tessera.Fragments;
using Tessera.IO;
using Tessera.Tests.BadInput;
using Tessera.Tests.Fragments;

namespace Tessera.Tests.Cli;

/// <summary>`tessera md --resume` with a frozen fragment model: the trajectory stores the units it froze, so a resume
/// after the input file was edited (its proton moved to the other oxygen, so its units differ) still assembles over
/// the original units and ends byte for byte where the uninterrupted run does.</summary>
public class MdFrozenResumeTests
{
    private static readonly FragmentSettings Frozen = FragmentSettings.Create(1, 3.6, switchOn: 2.7, reassignment: ReassignmentPolicy.Freeze);

    private static void WriteInput(string folder, double protonAt) =>
        StructureFile.Write(Path.Combine(folder, "in.extxyz"), [ReassignmentTests.Zundel(protonAt)], StructureFile.ExtXyzFormat);

    private static void Md(string folder, long steps, bool resume)
    {
        string[] args = ["md", "in.extxyz", "-m", "model.json", "-n", $"{steps}", "--timestep", "0.2", "--trajectory-every", "10", "--seed", "5"];
        var o = CliProcess.Run(folder, resume ? [.. args, "--resume"] : args);
        Assert.True(o.ExitCode == 0, o.Stderr + o.Stdout);
    }

    [Fact]
    public void A_resume_after_the_input_file_changed_keeps_the_units_the_trajectory_froze()
    {
        string straight = Data.Temp.Folder(), resumed = Data.Temp.Folder();
        try
        {
            foreach (var folder in new[] { straight, resumed })
            {
                MdFragmentCountsTests.WriteModel(Path.Combine(folder, "model.json"), Frozen);
                WriteInput(folder, 0.40); // the proton on the first oxygen: H3O+ and H2O
            }
            Md(straight, 30, resume: false);
            Md(resumed, 20, resume: false);
            var first = StructureFile.ReadAll(Path.Combine(resumed, "md.extxyz"))[0];
            Assert.Equal(new[] { 0, 0, 0, 1, 1, 1, 0 }, FragmentSchema.IntColumn(first, FrozenUnitsSchema.Column));
            WriteInput(resumed, 0.60); // now on the second oxygen: units that freezing the input's would take
            Assert.NotEqual(UnitFinder.Group(ReassignmentTests.Zundel(0.40)), UnitFinder.Group(ReassignmentTests.Zundel(0.60)));
            Md(resumed, 30, resume: true);
            Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "md.extxyz")), File.ReadAllBytes(Path.Combine(resumed, "md.extxyz")));
            Assert.Equal(File.ReadAllText(Path.Combine(straight, "md.log")), File.ReadAllText(Path.Combine(resumed, "md.log")));
        }
        finally
        {
            Directory.Delete(straight, recursive: true);
            Directory.Delete(resumed, recursive: true);
        }
    }
}
