using Tessera.Core;
using Tessera.Fragments;
using Tessera.IO;

namespace Tessera.Bench;

/// <summary>Graph-fragment bookkeeping on W21 (data/structures/w21.xyz) at R = 3: units, graph,
/// clique enumeration and coefficients, hard and switched cutoffs; no energies.</summary>
public sealed class FragmentsBenchmark : IBenchmark
{
    public string Name => "fragments";
    public string Description => "W21 at R = 3: unit finding + graph + simplices + coefficients (time, simplices per rank)";

    public void Run()
    {
        var w21 = ProtonatedWaterClusters.W21();
        Console.WriteLine($"  W21: {w21.Count} atoms, charge {w21.Charge}, {Environment.ProcessorCount} cores");
        foreach (var settings in new[]
                 {
                     FragmentSettings.Create(3, 3.5), FragmentSettings.Create(3, 4.5),
                     FragmentSettings.Create(3, 5.0, switchOn: 4.0), FragmentSettings.Create(3, 6.0),
                 })
        {
            Fragmentation? f = null;
            var all = Timing.Measure(() => f = Fragmentation.Create(w21, settings), 1.5);
            var complexOnly = Timing.Measure(() => SimplicialComplex.Build(f!.Graph, settings.Rank), 1.5);
            var counts = f!.Complex.CountsByRank();
            int nonZero = f.Complex.Simplices.Count(s => s.Coefficient != 0);
            Console.WriteLine($"  {settings,-52} simplices per rank [{string.Join(", ", counts)}] (M != 0: {nonZero}); " +
                              $"full {all.MedianSeconds * 1e3:F3} ms, cliques+coefficients {complexOnly.MedianSeconds * 1e3:F3} ms (median of {all.Repeats})");
        }
    }
}
