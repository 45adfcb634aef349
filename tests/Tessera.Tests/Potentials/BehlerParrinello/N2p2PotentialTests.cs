using Tessera.Descriptors;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Tests.Potentials.BehlerParrinello;

public class N2p2PotentialTests
{
    [Theory]
    [InlineData("H2O_RPBE-D3")]
    [InlineData("Cu2S_PBE")]
    [InlineData("Anisole_SCAN")]
    public void WrittenFilesReadBackToTheSameModel(string name)
    {
        var model = N2p2Potential.Read(SharedData.Path("n2p2", name));
        var dir = Directory.CreateTempSubdirectory("tessera-n2p2-").FullName;
        try
        {
            N2p2Potential.Write(model, dir);
            var back = N2p2Potential.Read(dir);
            // Written in the model's own units (Cu2S_PBE: Angstrom/eV), which the written input.nn's header names.
            Assert.Equal((model.LengthUnit, model.EnergyUnit), (back.LengthUnit, back.EnergyUnit));
            Assert.Equal(N2p2Potential.ReadUnits(SharedData.Path("n2p2", name)).Units, N2p2Potential.ReadUnits(dir).Units);
            Assert.Equal(model.Normalisation, back.Normalisation);
            Assert.Equal(model.ScalingMode, back.ScalingMode);
            Assert.Equal(model.CutoffType, back.CutoffType);
            for (int e = 0; e < model.Elements.Count; e++)
            {
                var (a, b) = (model.Elements[e], back.Elements[e]);
                Assert.Equal(a.Number, b.Number);
                Assert.Equal(a.Network.Parameters, b.Network.Parameters);
                Assert.Equal(a.Functions.Select(f => f.ToN2p2Line()), b.Functions.Select(f => f.ToN2p2Line()));
                Assert.Equal(a.Scalings.Select(s => s.Statistics), b.Scalings.Select(s => s.Statistics));
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void SymmetryFunctionsAreSortedAsN2p2Does()
    {
        var model = N2p2Potential.Read(SharedData.Path("n2p2", "H2O_RPBE-D3"));
        var h = model.ForElement(1)!.Functions;
        // n2p2 order for H: radial before angular, then cutoff, eta, shift, ..., neighbour element.
        Assert.All(h.Take(16), f => Assert.Equal(2, f.Type));
        var first = (ExponentialRadialFunction)h[0];
        Assert.Equal((0.001, 1), (first.Eta, first.Neighbour));
        Assert.Equal(8, ((ExponentialRadialFunction)h[1]).Neighbour);
    }

    [Fact]
    public void MissingWeightsAreReportedWithTheFile()
    {
        var src = SharedData.Path("n2p2", "H2O_RPBE-D3");
        var dir = Directory.CreateTempSubdirectory("tessera-n2p2-").FullName;
        try
        {
            foreach (var f in new[] { "input.nn", "scaling.data", "weights.001.data" }) File.Copy(Path.Combine(src, f), Path.Combine(dir, f));
            File.WriteAllLines(Path.Combine(dir, "weights.008.data"), File.ReadLines(Path.Combine(src, "weights.008.data")).SkipLast(3));
            var ex = Assert.Throws<FileFormatException>(() => N2p2Potential.Read(dir));
            Assert.Contains("weights.008.data", ex.File);
        }
        finally { Directory.Delete(dir, true); }
    }
}
