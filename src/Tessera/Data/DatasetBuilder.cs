using System.Globalization;
using Tessera.Core;
using Tessera.Engines;
using Tessera.IO;

namespace Tessera.Data;

/// <summary>Where a data set came from: written into every frame's info so that a frame taken out of the file
/// still says how it was made.</summary>
public sealed record DatasetProvenance(string Command, string Pool, string Selection, string Labels, DateTime CreatedUtc)
{
    public string TesseraVersion { get; init; } = Core.TesseraVersion.Current;
}

/// <summary>The labelled frames, and the selected fragments left out: not labelled at both levels yet, or
/// labelled as failed at either.</summary>
public sealed record Dataset(IReadOnlyList<Structure> Frames, IReadOnlyList<long> Unlabelled, IReadOnlyList<long> Failed);

/// <summary>Joins pool, selection and labels into data-set frames: the fragment with info <c>fragment_type</c>,
/// <c>rank</c>, <c>source_frame</c>, <c>fragment_id</c>, <c>E_low</c>, <c>E_high</c>, <c>delta</c> = E_high - E_low
/// (eV), per-atom <c>atom_map</c>, <c>unit</c> and, when computed, <c>forces_low</c>/<c>forces_high</c> (eV/A),
/// plus the provenance keys (engines with versions, methods and options; Tessera version; command; date).</summary>
public static class DatasetBuilder
{
    public const string LowEnergyKey = "E_low", HighEnergyKey = "E_high", DeltaKey = "delta",
                        LowForcesArray = "forces_low", HighForcesArray = "forces_high", PoolFileKey = "pool_file";

    public static Dataset Build(IReadOnlyList<PoolFragment> pool, SelectionDocument selection, LabelStore store, DatasetProvenance provenance)
    {
        var byId = pool.ToDictionary(f => f.Id);
        if (pool.Count != selection.PoolSize)
            throw new ArgumentException($"The pool has {pool.Count} fragments but the selection was made from {selection.PoolSize}: not the same pool.");
        var low = store.Get(Label.Low);
        var high = store.Get(Label.High);
        var frames = new List<Structure>();
        var unlabelled = new List<long>();
        var failed = new List<long>();
        foreach (var id in selection.SelectedIds())
        {
            if (!byId.TryGetValue(id, out var f)) throw new ArgumentException($"Selected fragment {id} is not in the pool.");
            if (!low.TryGetValue(id, out var lo) || !high.TryGetValue(id, out var hi)) { unlabelled.Add(id); continue; }
            if (lo.Status != LabelStatus.Ok || hi.Status != LabelStatus.Ok) { failed.Add(id); continue; }
            frames.Add(Frame(f, lo, hi, selection, provenance));
        }
        return new Dataset(frames, unlabelled, failed);
    }

    private static Structure Frame(PoolFragment f, Label lo, Label hi, SelectionDocument selection, DatasetProvenance p)
    {
        var s = FragmentPool.ToStructure(f, 0);
        s.Info.Remove(FragmentSchema.SizeKey);
        s.Info[LowEnergyKey] = lo.Energy!.Value;
        s.Info[HighEnergyKey] = hi.Energy!.Value;
        s.Info[DeltaKey] = hi.Energy.Value - lo.Energy.Value;
        if (lo.Forces is { } fl) s.Arrays[LowForcesArray] = PerAtomArray.Vectors(fl);
        if (hi.Forces is { } fh) s.Arrays[HighForcesArray] = PerAtomArray.Vectors(fh);
        s.Info["low_engine"] = Describe(lo.Engine);
        s.Info["high_engine"] = Describe(hi.Engine);
        s.Info["selection_method"] = selection.Settings.Method;
        s.Info["selection_seed"] = (long)selection.Settings.Seed;
        s.Info["tessera_version"] = p.TesseraVersion;
        s.Info["command"] = p.Command;
        s.Info[PoolFileKey] = p.Pool;
        s.Info["selection_file"] = p.Selection;
        s.Info["labels_file"] = p.Labels;
        s.Info["created"] = p.CreatedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return s;
    }

    /// <summary>"xtb 6.5.1 gfn2 [acc=1;...]": program, version, method and every option that changes numbers.</summary>
    public static string Describe(EngineIdentity e) => $"{e.Program} {e.Version} {e.Method} [{e.Options}]";
}
