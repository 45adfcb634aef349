using System.Runtime.CompilerServices;

namespace Tessera.Core;

/// <summary>A 3-vector of doubles (Angstrom, eV/Angstrom, ... as the context says).
/// Arrays of Vec3 can be viewed as flat spans of doubles with <see cref="Vec3.AsDoubles(Span{Vec3})"/>.</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static readonly Vec3 Zero = new(0, 0, 0);

    public double this[int i] => i switch { 0 => X, 1 => Y, 2 => Z, _ => throw new IndexOutOfRangeException() };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator -(Vec3 a) => new(-a.X, -a.Y, -a.Z);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vec3 operator *(double s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);
    public static Vec3 operator *(Vec3 a, double s) => new(s * a.X, s * a.Y, s * a.Z);
    public static Vec3 operator /(Vec3 a, double s) => new(a.X / s, a.Y / s, a.Z / s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(Vec3 a, Vec3 b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;
    public static Vec3 Cross(Vec3 a, Vec3 b) =>
        new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

    public double LengthSquared => X * X + Y * Y + Z * Z;
    public double Length => Math.Sqrt(LengthSquared);

    /// <summary>All three components are finite numbers (no NaN, no infinity).</summary>
    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z);

    /// <summary>Reinterprets the vectors as 3N doubles without copying.</summary>
    public static Span<double> AsDoubles(Span<Vec3> v) => System.Runtime.InteropServices.MemoryMarshal.Cast<Vec3, double>(v);
    public static ReadOnlySpan<double> AsDoubles(ReadOnlySpan<Vec3> v) => System.Runtime.InteropServices.MemoryMarshal.Cast<Vec3, double>(v);

    public override string ToString() => FormattableString.Invariant($"({X}, {Y}, {Z})");
}
