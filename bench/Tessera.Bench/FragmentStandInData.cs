using Tessera.Core;
using Tessera.Data;
using Tessera.Engines;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;

namespace Tessera.Bench;

/// <summary>Writes a cheap stand-in for the WB1 W6 inputs into a folder: a fragment pool of jiggled W6 frames
/// (Gaussian displacements, sigma 0.08 A, instead of GFN2-xTB MD) and held-out full frames with
/// energy_low / energy_high (xtb-native gfn1 / gfn2). The rest of the pipeline runs through the CLI (select,
/// label, dataset, train fragments, evaluate). Until 'tessera pool' is merged the pool is built here the way
/// the pipeline's pool builder does (every simplex of every frame).</summary>
public sealed class FragmentStandInData : IBenchmark
{
    public string Name => "fragnn-standin";
    public string Description => "Write W6 stand-in inputs (pool of jiggled frames, held-out frames with gfn1/gfn2 energies) to $TESSERA_STANDIN (default standin/)";

    public void Run()
    {
        var dir = Environment.GetEnvironmentVariable("TESSERA_STANDIN") ?? "standin";
        Directory.CreateDirectory(dir);
        var settings = FragmentSettings.Create(3, 4.5, switchOn: 4.0);
        var w6 = ProtonatedWaterClusters.W6();
        var pool = new List<PoolFragment>();
        for (int frame = 0; frame < 200; frame++)
        {
            var s = Jiggle(w6, 1000 + frame);
            var fragmentation = Fragmentation.Create(s, settings);
            foreach (var f in fragmentation.Fragments())
            {
                f.Structure.Info["fragmentation"] = settings.ToString();
                pool.Add(new PoolFragment(pool.Count, f.TypeKey, f.Rank, frame, f.AtomMap!, f.Units, f.Structure));
            }
        }
        FragmentPool.Write(Path.Combine(dir, "pool.extxyz.gz"), pool);
        using var low = (XtbLibraryEngine)EngineFactory.Create("xtb-native:gfn1");
        using var high = (XtbLibraryEngine)EngineFactory.Create("xtb-native:gfn2");
        var held = Enumerable.Range(0, 12).Select(i => Jiggle(w6, 5000 + i)).ToArray();
        foreach (var s in held)
        {
            s.Info["energy_low"] = low.Compute(s, Needs.Energy).Energy;
            s.Info["energy_high"] = high.Compute(s, Needs.Energy).Energy;
        }
        StructureFile.Write(Path.Combine(dir, "heldout.extxyz"), held, StructureFile.ExtXyzFormat);
        Console.WriteLine($"  {pool.Count} pool fragments from 200 frames ({settings}) and {held.Length} held-out frames -> {dir}/");
    }

    private static Structure Jiggle(Structure s, int seed)
    {
        var rng = new Random(seed);
        double G() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var moved = s.WithPositions(s.Positions.Select(r => r + 0.08 * new Vec3(G(), G(), G())).ToArray());
        moved.Charge = s.Charge;
        return moved;
    }
}
