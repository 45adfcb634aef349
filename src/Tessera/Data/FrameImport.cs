using Tessera.Core;
using Tessera.IO;

namespace Tessera.Data;

/// <summary>Frames taken from any trajectory file StructureFile reads (xyz, extxyz, n2p2; .gz): the first
/// <c>skip</c> dropped (equilibration), then every <c>stride</c>-th, at most <c>max</c>. Each frame records its
/// origin in info (<c>source_file</c>, <c>source_index</c>, 0-based in the file).</summary>
public static class FrameImport
{
    public const string SourceFileKey = "source_file", SourceIndexKey = "source_index";

    /// <param name="charge">Total charge for every frame (files such as plain xyz do not carry it); null keeps the file's.</param>
    /// <param name="multiplicity">Spin multiplicity for every frame; null keeps the file's.</param>
    /// <param name="n2p2Units">Units of an n2p2 file (Bohr/Hartree when null).</param>
    public static IEnumerable<Structure> Frames(string path, int skip = 0, int stride = 1, int? max = null, string? format = null,
                                                int? charge = null, int? multiplicity = null, N2p2Units? n2p2Units = null)
    {
        if (multiplicity is < 1) throw new ArgumentException($"multiplicity must be at least 1, got {multiplicity}.");
        if (skip < 0) throw new ArgumentException($"skip must be non-negative, got {skip}.");
        if (stride < 1) throw new ArgumentException($"stride must be at least 1, got {stride}.");
        if (max is < 1) throw new ArgumentException($"max must be at least 1, got {max}.");
        if (!File.Exists(path)) throw new FileNotFoundException($"Trajectory '{path}' does not exist.", path);
        return Take(path, skip, stride, max, format, charge, multiplicity, n2p2Units);
    }

    private static IEnumerable<Structure> Take(string path, int skip, int stride, int? max, string? format, int? charge, int? multiplicity, N2p2Units? n2p2Units)
    {
        long index = -1;
        int taken = 0;
        foreach (var s in StructureFile.Read(path, format, n2p2Units))
        {
            index++;
            if (index < skip || (index - skip) % stride != 0) continue;
            if (charge is { } q) s.Charge = q;
            if (multiplicity is { } m) s.Multiplicity = m;
            s.Info[SourceFileKey] = Path.GetFileName(path);
            s.Info[SourceIndexKey] = index;
            yield return s;
            if (++taken == max) yield break;
        }
    }
}
