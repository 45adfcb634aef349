using Tessera.Core;
using Tessera.Data;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Tests.Fragments;

namespace Tessera.Tests.FragmentNetworks;

/// <summary>A cheap stand-in for a labelled data set: jiggled protonated water clusters, every fragment
/// labelled with two toy levels (low: pair harmonic; high: stiffer pair harmonic plus a three-body term).</summary>
public static class ToyDeltaData
{
    public static readonly IPotential Low = new HarmonicTestPotential(0.003);
    public static readonly IPotential High = new SumPotential([new HarmonicTestPotential(0.005), new ThreeBodyTestPotential()]);

    /// <summary>A protonated water cluster with every atom jiggled by up to 0.05 A (so monomers differ too).</summary>
    public static Structure Cluster(int waters, int seed, double spacing = 2.8)
    {
        var s = WaterClusters.Build(WaterClusters.Grid(waters, spacing, seed), seed, protonated: true);
        var rng = new Random(seed + 12345);
        return s.WithPositions(s.Positions.Select(r => r + 0.1 * new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray());
    }

    /// <summary>Data-set frames (as DatasetBuilder writes them: pool keys, atom map, both levels) of every fragment of
    /// <paramref name="frames"/> clusters, so closed under faces.</summary>
    public static List<Structure> Frames(int frames, int waters, FragmentSettings settings, int seed, bool forces = true)
    {
        var clusters = Enumerable.Range(0, frames).Select(c => Cluster(waters, seed + c)).ToArray();
        var pool = FragmentPoolBuilder.Build(clusters, settings);
        return pool.Select(f => Label(FragmentPool.ToStructure(f, pool.Count), forces)).ToList();
    }

    /// <summary>The report tests' small data set, written to <paramref name="path"/> (extxyz): every fragment of 12
    /// four-water clusters (seed 7) at rank 2, cutoff 3.6 A; returns the fragmentation.</summary>
    public static FragmentSettings WriteSmall(string path)
    {
        var settings = FragmentSettings.Create(2, 3.6, switchOn: 2.7);
        StructureFile.Write(path, Frames(12, 4, settings, 7), StructureFile.ExtXyzFormat);
        return settings;
    }

    public static Structure Label(Structure fragment, bool forces)
    {
        var s = fragment.Clone();
        var lo = Low.Compute(s);
        var hi = High.Compute(s);
        s.Info[DatasetBuilder.LowEnergyKey] = lo.Energy;
        s.Info[DatasetBuilder.HighEnergyKey] = hi.Energy;
        s.Info[DatasetBuilder.DeltaKey] = hi.Energy - lo.Energy;
        if (forces)
        {
            s.Arrays[DatasetBuilder.LowForcesArray] = PerAtomArray.Vectors(lo.Forces);
            s.Arrays[DatasetBuilder.HighForcesArray] = PerAtomArray.Vectors(hi.Forces);
        }
        s.Info["high_engine"] = High.Name;
        return s;
    }
}
