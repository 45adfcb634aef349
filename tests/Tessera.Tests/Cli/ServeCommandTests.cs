using Tessera.Cli;
using Tessera.Engines;
using Tessera.Interop;
using Tessera.IO;
using Tessera.Tests.Interop;

namespace Tessera.Tests.Cli;

/// <summary>`tessera serve --model xtb:gfn2 --structure water.xyz --unix NAME` driven by ASE's SocketIOCalculator:
/// the energies and forces ASE receives equal a direct GFN2-xTB evaluation.</summary>
[Collection(ConsoleCollection.Name)]
[Trait("Category", "Engines")]
public class ServeCommandTests
{
    [Fact]
    public async Task AseMdThroughTesseraServeMatchesDirectXtb()
    {
        var water = TestStructures.WaterMonomer();
        string template = Path.Combine(Path.GetTempPath(), $"tessera-serve-{Guid.NewGuid():N}.xyz");
        StructureFile.Write(template, [water]);
        try
        {
            await using var ase = AseSocketServer.Start(water, steps: 3);
            var settings = IpiDriverSettings.Unix(ase.Name, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
            int code = await ServeCommand.Run("xtb:gfn2", template, settings, null, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));
            Assert.Equal(0, code);
            var output = await ase.ResultAsync();
            Assert.Equal(4, output.Frames.Length);
            // xtb is deterministic for the same input, but positions pass through Bohr and back: allow 1e-8 eV.
            AseSocketServer.AssertFramesMatch(output, EngineFactory.Create("xtb:gfn2"), water, 1e-8, 1e-6);
        }
        finally { File.Delete(template); }
    }
}
