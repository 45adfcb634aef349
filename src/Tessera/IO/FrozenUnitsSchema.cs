using Tessera.Core;

namespace Tessera.IO;

/// <summary>How a trajectory stores the unit assignment that the freeze policy keeps: a per-atom integer column
/// <c>frozen_unit</c>, each atom's index in the assignment (units in the order they were assigned). A resumed run reads
/// it back, so it assembles over the units the trajectory began with even when the input file has changed since.</summary>
public static class FrozenUnitsSchema
{
    public const string Column = "frozen_unit";

    /// <summary>Writes <paramref name="units"/> (atom groups covering every atom once) into <paramref name="s"/>.</summary>
    public static void Write(Structure s, int[][] units)
    {
        var index = new long[s.Count];
        for (int u = 0; u < units.Length; u++)
            foreach (int atom in units[u]) index[atom] = u;
        s.Arrays[Column] = PerAtomArray.Integer(index);
    }

    /// <summary>The stored assignment (groups in stored order, each ascending), or null when the frame has none.</summary>
    /// <param name="source">The file the frame came from, named in errors.</param>
    /// <exception cref="FileFormatException">A negative index, or an index with no atom below a larger one.</exception>
    public static int[][]? Read(Structure s, string source)
    {
        if (FragmentSchema.IntColumn(s, Column) is not { } index) return null;
        int count = index.Length == 0 ? 0 : index.Max() + 1;
        if (index.Any(u => u < 0)) throw new FileFormatException(source, $"{Column}: a negative unit index.");
        var units = Enumerable.Range(0, count).Select(u => new List<int>()).ToArray();
        for (int atom = 0; atom < index.Length; atom++) units[index[atom]].Add(atom);
        if (units.Any(u => u.Count == 0)) throw new FileFormatException(source, $"{Column}: unit indices must run 0..{count - 1} without gaps.");
        return [.. units.Select(u => u.ToArray())];
    }
}
