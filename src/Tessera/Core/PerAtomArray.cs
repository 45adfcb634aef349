namespace Tessera.Core;

/// <summary>Kinds of per-atom columns, as extxyz's Properties names them (R, I, S, L).</summary>
public enum PerAtomKind { Real, Integer, String, Logical }

/// <summary>A per-atom array of one kind with 1 or more columns, stored row-major (atom, column).</summary>
public sealed class PerAtomArray
{
    public PerAtomKind Kind { get; }
    public int Columns { get; }
    /// <summary>double[], long[], string[] or bool[] of length atoms*columns.</summary>
    public Array Data { get; }

    private PerAtomArray(PerAtomKind kind, int columns, Array data)
    {
        if (columns < 1) throw new ArgumentException("A per-atom array needs at least one column.");
        if (data.Length % columns != 0) throw new ArgumentException("Data length is not a multiple of the column count.");
        Kind = kind; Columns = columns; Data = data;
    }

    public static PerAtomArray Real(double[] data, int columns = 1) => new(PerAtomKind.Real, columns, data);
    public static PerAtomArray Integer(long[] data, int columns = 1) => new(PerAtomKind.Integer, columns, data);
    public static PerAtomArray Text(string[] data, int columns = 1) => new(PerAtomKind.String, columns, data);
    public static PerAtomArray Logical(bool[] data, int columns = 1) => new(PerAtomKind.Logical, columns, data);
    public static PerAtomArray Vectors(ReadOnlySpan<Vec3> v) => Real(Vec3.AsDoubles(v).ToArray(), 3);

    public int Atoms => Data.Length / Columns;

    public double[] Reals => Data as double[] ?? throw new InvalidOperationException($"Array holds {Kind}, not Real.");
    public long[] Integers => Data as long[] ?? throw new InvalidOperationException($"Array holds {Kind}, not Integer.");
    public string[] Strings => Data as string[] ?? throw new InvalidOperationException($"Array holds {Kind}, not String.");
    public bool[] Logicals => Data as bool[] ?? throw new InvalidOperationException($"Array holds {Kind}, not Logical.");

    public Vec3[] AsVectors()
    {
        if (Kind != PerAtomKind.Real || Columns != 3) throw new InvalidOperationException("Not a 3-column real array.");
        return System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vec3>(Reals).ToArray();
    }

    public PerAtomArray Clone() => new(Kind, Columns, (Array)Data.Clone());
}
