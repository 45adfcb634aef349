using System.IO.Compression;
using Tessera.Core;
using Tessera.IO;

namespace Tessera.Data;

/// <summary>The fragment pool file: extxyz (gzip with a ".gz" suffix), one frame per fragment, stored as
/// <see cref="FragmentSchema"/> says (type, rank, source frame, id, pool size, atom map, units).
/// <c>pool_size</c> in every frame lets a reader notice a file cut at a frame boundary.</summary>
public static class FragmentPool
{
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
        FragmentSchema.WriteIdentity(s, f.Type, f.Rank);
        FragmentSchema.WritePoolEntry(s, f.SourceFrame, f.Id, poolSize);
        FragmentSchema.WriteAtomMap(s, f.AtomMap);
        FragmentSchema.WriteUnits(s, f.Units);
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
                long size = Require<long>(s, FragmentSchema.SizeKey, path, line);
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
        var f = new PoolFragment(Require<long>(s, FragmentSchema.IdKey, path, line), Require<string>(s, FragmentSchema.TypeKey, path, line),
                                 checked((int)Require<long>(s, FragmentSchema.RankKey, path, line)),
                                 Require<long>(s, FragmentSchema.SourceFrameKey, path, line),
                                 IntColumn(s, FragmentSchema.AtomMapArray, path, line), IntColumn(s, FragmentSchema.UnitArray, path, line), s);
        try { return f.Validated(); }
        catch (ArgumentException e) { throw Problem(path, line, e.Message); }
    }

    private static T Require<T>(Structure s, string key, string path, int line) =>
        s.Info.TryGetValue(key, out var v) && v is T t ? t
        : throw Problem(path, line + 1, v is null ? $"missing info key '{key}': not a fragment pool frame"
                                                  : $"info key '{key}' has the wrong type ({v.GetType().Name})");

    private static int[] IntColumn(Structure s, string name, string path, int line) =>
        FragmentSchema.IntColumn(s, name) ?? throw Problem(path, line + 1, $"missing per-atom integer column '{name}'");

    private static FileFormatException Problem(string path, int line, string problem) => new(path, line, $"fragment pool: {problem}");
}
