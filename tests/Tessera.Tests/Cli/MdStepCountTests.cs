using Tessera.IO;
using Tessera.Tests.BadInput;

namespace Tessera.Tests.Cli;

/// <summary>`md -n N` runs N steps from the input's own `step` (a frame taken from a trajectory at step 12000 used to
/// run zero steps and exit 0, since -n was the absolute end), and a resumed run continues to that same end.</summary>
public class MdStepCountTests
{
    [Fact]
    public void Steps_count_from_the_input_frame_and_resume_to_the_same_end()
    {
        string folder = Data.Temp.Folder();
        try
        {
            var frame = StructureFile.ReadAll(Write(folder, "water.xyz", BadInputCorpus.WaterDimerXyz))[0];
            frame.Info["step"] = 12000L;
            frame.Info["time"] = 6000.0;
            StructureFile.Write(Path.Combine(folder, "in.extxyz"), [frame]);
            string[] args = ["md", "in.extxyz", "-m", SharedData.Path("n2p2", "H2O_RPBE-D3"), "-n", "20", "--trajectory-every", "10"];
            var o = CliProcess.Run(folder, args);
            Assert.True(o.ExitCode == 0, o.Stderr);
            var steps = StructureFile.ReadAll(Path.Combine(folder, "md.extxyz")).Select(s => (long)s.Info["step"]).ToArray();
            Assert.Equal([12000L, 12010L, 12020L], steps);

            // A resumed run with the same -n has nothing left to do; with -n 30 it goes on to 12030.
            Assert.Equal(0, CliProcess.Run(folder, [.. args, "--resume"]).ExitCode);
            Assert.Equal(3, StructureFile.ReadAll(Path.Combine(folder, "md.extxyz")).Count);
            args[5] = "30";
            Assert.Equal(0, CliProcess.Run(folder, [.. args, "--resume"]).ExitCode);
            Assert.Equal(12030L, (long)StructureFile.ReadAll(Path.Combine(folder, "md.extxyz"))[^1].Info["step"]);
            var logged = File.ReadAllLines(Path.Combine(folder, "md.log")).Skip(1).Select(l => long.Parse(l.Split(' ')[0]));
            Assert.Equal(Enumerable.Range(12000, 31).Select(i => (long)i), logged); // every step once
        }
        finally { Directory.Delete(folder, true); }
    }

    private static string Write(string folder, string name, string text)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
