using Tessera.Dynamics;
using Tessera.Tests.BadInput;
using Xunit.Abstractions;

namespace Tessera.Tests.Cli;

/// <summary>`tessera md --resume` after SIGKILLs at random moments (n2p2 water model, water dimer, Langevin and Bussi
/// thermostats): the trajectory and the log end up byte for byte those of an uninterrupted run, so positions,
/// momenta and the thermostat noise resume exactly and no log row is lost or duplicated.</summary>
[Collection(ConsoleCollection.Name)]
public class MdKillTests(ITestOutputHelper output)
{
    private const int Every = 20;

    [Theory]
    [InlineData("langevin", 101)]
    [InlineData("bussi", 202)]
    public void Killed_and_resumed_md_equals_an_uninterrupted_run(string integrator, int seed)
    {
        string model = SharedData.Path("n2p2", "H2O_RPBE-D3");
        string[] args = ["md", "in.xyz", "-m", model, "--integrator", integrator, "-n", "6000", "--seed", "3",
                         "--trajectory-every", $"{Every}", "--log-every", "5", "-o", "md.extxyz", "--log", "md.log", "--resume"];
        string reference = Data.Temp.Folder(), killed = Data.Temp.Folder();
        try
        {
            foreach (var dir in new[] { reference, killed }) File.WriteAllText(Path.Combine(dir, "in.xyz"), BadInputCorpus.WaterDimerXyz);
            var harness = new KillHarness(output, $"md {integrator}", seed);
            double wall = harness.Uninterrupted(reference, args);
            while (harness.Kills < 3)
            {
                foreach (var f in new[] { "md.extxyz", "md.log" }) File.Delete(Path.Combine(killed, f)); // a new episode starts afresh
                harness.Episode(killed, args, wall, kills: 2, () => OnDisk(killed));
                Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "md.extxyz")), File.ReadAllBytes(Path.Combine(killed, "md.extxyz")));
                Assert.Equal(File.ReadAllText(Path.Combine(reference, "md.log")), File.ReadAllText(Path.Combine(killed, "md.log")));
            }
            output.WriteLine($"md {integrator}: {harness.Kills} kills; every episode's trajectory and log identical to the uninterrupted run's");
        }
        finally
        {
            Directory.Delete(reference, true);
            Directory.Delete(killed, true);
        }
    }

    /// <summary>The last complete step on disk and whether the kill tore a frame.</summary>
    private static string OnDisk(string folder)
    {
        string path = Path.Combine(folder, "md.extxyz");
        if (!File.Exists(path)) return "no trajectory yet";
        var bytes = File.ReadAllBytes(path);
        var (end, frames) = TrajectoryTail.CompleteFrames(bytes);
        return frames == 0 ? $"no complete frame ({bytes.Length} bytes)"
            : $"last complete frame at step {(frames - 1) * Every}{(end < bytes.Length ? $", torn tail of {bytes.Length - end} bytes" : "")}";
    }
}
