using System.IO.Compression;
using Tessera.Core;
using Tessera.IO;

namespace Tessera.Data;

/// <summary>The fragment pool file: extxyz (gzip with a ".gz" suffix), one frame per fragment, with info
/// keys <c>fragment_type</c>, <c>rank</c>, <c>source_frame</c>, <c>fragment_id</c>, <c>pool_size</c> and
/// per-atom integer columns <c>atom_map</c> and <c>unit</c>; charge and multiplicity as extxyz carries them.
/// <c>pool_size</c> in every frame lets a reader notice a file cut at a frame boundary.</summary>
public static class FragmentPool
{
    public const string TypeKey = "fragment_type", RankKey = "rank", SourceFrameKey = "source_frame",
                        IdKey = "fragment_id", SizeKey = "pool_size", AtomMapArray = "atom_map", UnitArray = "unit";

    /// <summary>Writes the pool atomically (temporary file renamed when complete).</summary>
    public static void Write(string path, IReadOnlyCollection<PoolFragment> fragments)
    {
        var ids = new HashSet<long>();
        foreach (var f in fragments)
        {
            f.Validated();
            if (!ids.Add(f.Id)) throw new ArgumentException($"Fragment id {f.Id} appears twice in the pool.");
        }
        StructureFile.Write(path, fragments.Select(f => ToStructure(f, fragments.Count)), StructureFile.ExtXyzFormat);
    }

    public static Structure ToStructure(PoolFragment f, long poolSize)
    {
        var s = f.Structure.Clone();
        s.Info[TypeKey] = f.Type;
        s.Info[RankKey] = (long)f.Rank;
        s.Info[SourceFrameKey] = f.SourceFrame;
        s.Info[IdKey] = f.Id;
        s.Info[SizeKey] = poolSize;
        s.Arrays[AtomMapArray] = PerAtomArray.Integer(f.AtomMap.Select(i => (long)i).ToArray());
        s.Arrays[UnitArray] = PerAtomArray.Integer(f.Units.Select(i => (long)i).ToArray());
        return s;
    }

    /// <summary>A SHA-256 over every member's id, type, source frame, atom map and positions: two pools with the same
    /// fingerprint number the same fragments the same way, so labels stored by fragment id fit both.</summary>
    public static string Fingerprint(IReadOnlyList<PoolFragment> pool)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var f in pool)
        {
            hash.AppendData(BitConverter.GetBytes(f.Id));
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(f.Type));
            hash.AppendData(BitConverter.GetBytes(f.SourceFrame));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(f.AtomMap.AsSpan()));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(f.Structure.Positions.AsSpan()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Reads and checks the whole pool. A truncated, corrupted or foreign file throws
    /// <see cref="FileFormatException"/> naming the file, the line of the offending frame and the problem.</summary>
    public static IReadOnlyList<PoolFragment> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Fragment pool '{path}' does not exist.", path);
        var pool = new List<PoolFragment>();
        var ids = new HashSet<long>();
        long? declared = null;
        int line = 1;
        try
        {
            foreach (var s in StructureFile.Read(path, StructureFile.ExtXyzFormat))
            {
                var f = FromStructure(s, path, line);
                long size = Require<long>(s, SizeKey, path, line);
                if (declared is { } d && d != size) throw Problem(path, line, $"pool_size {size} differs from {d} in the first frame");
                declared = size;
                if (!ids.Add(f.Id)) throw Problem(path, line, $"fragment_id {f.Id} appears twice");
                pool.Add(f);
                line += s.Count + 2;
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException and not FileNotFoundException)
        {
            throw Problem(path, line, $"unreadable after {pool.Count} fragments (truncated or corrupted compressed data?): {e.Message}");
        }
        if (pool.Count == 0) throw Problem(path, 1, "no fragments: empty or not a fragment pool");
        if (declared != pool.Count)
            throw Problem(path, line, $"file ends after {pool.Count} fragments but declares pool_size={declared}: truncated");
        return pool;
    }

    private static PoolFragment FromStructure(Structure s, string path, int line)
    {
        var f = new PoolFragment(Require<long>(s, IdKey, path, line), Require<string>(s, TypeKey, path, line),
                                 checked((int)Require<long>(s, RankKey, path, line)), Require<long>(s, SourceFrameKey, path, line),
                                 IntColumn(s, AtomMapArray, path, line), IntColumn(s, UnitArray, path, line), s);
        try { return f.Validated(); }
        catch (ArgumentException e) { throw Problem(path, line, e.Message); }
    }

    private static T Require<T>(Structure s, string key, string path, int line) =>
        s.Info.TryGetValue(key, out var v) && v is T t ? t
        : throw Problem(path, line + 1, v is null ? $"missing info key '{key}': not a fragment pool frame"
                                                  : $"info key '{key}' has the wrong type ({v.GetType().Name})");

    private static int[] IntColumn(Structure s, string name, string path, int line) =>
        s.Arrays.TryGetValue(name, out var a) && a.Kind == PerAtomKind.Integer && a.Columns == 1
            ? a.Integers.Select(x => checked((int)x)).ToArray()
            : throw Problem(path, line + 1, $"missing per-atom integer column '{name}'");

    private static FileFormatException Problem(string path, int line, string problem) => new(path, line, $"fragment pool: {problem}");
}
