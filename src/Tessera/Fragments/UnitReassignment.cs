namespace Tessera.Fragments;

/// <summary>A change of the atoms' assignment to units between two steps of a trajectory (<see cref="UnitTracker"/>).</summary>
/// <param name="Call">1-based number of the tracker's call (potential evaluation) that saw the change.</param>
/// <param name="MovedAtoms">Atoms whose unit's first heavy atom changed (the hopping protons).</param>
/// <param name="Previous">Atom groups before (each ascending).</param>
/// <param name="Current">Atom groups now.</param>
public sealed record UnitReassignment(long Call, int[] MovedAtoms, int[][] Previous, int[][] Current)
{
    public string Describe() =>
        $"Unit assignment changed at call {Call}: atom(s) {string.Join(", ", MovedAtoms)} moved to another unit " +
        $"({Previous.Length} -> {Current.Length} units); fragment energies jump here (proton transfer?).";

    /// <summary>Null when the groups are the same.</summary>
    internal static UnitReassignment? Compare(long call, int[] numbers, int[][] previous, int[][] current)
    {
        if (previous.Length == current.Length && previous.Zip(current).All(p => p.First.AsSpan().SequenceEqual(p.Second)))
            return null;
        var before = Owner(numbers, previous);
        var after = Owner(numbers, current);
        var moved = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        return new UnitReassignment(call, moved, previous, current);
    }

    /// <summary>For each atom, the first heavy atom of its unit (heavy atoms stay put when protons hop).</summary>
    private static int[] Owner(int[] numbers, int[][] groups)
    {
        var owner = new int[numbers.Length];
        foreach (var g in groups)
        {
            int anchor = g.FirstOrDefault(i => numbers[i] > 1, g[0]);
            foreach (int i in g) owner[i] = anchor;
        }
        return owner;
    }
}
