namespace Tessera.Core;

/// <summary>A 3x3 matrix stored by rows. As a cell, the rows are the lattice vectors a, b, c (ASE's convention).</summary>
public readonly record struct Mat3(Vec3 R0, Vec3 R1, Vec3 R2)
{
    public static readonly Mat3 Zero = new(Vec3.Zero, Vec3.Zero, Vec3.Zero);
    public static readonly Mat3 Identity = new(new(1, 0, 0), new(0, 1, 0), new(0, 0, 1));

    public Vec3 this[int row] => row switch { 0 => R0, 1 => R1, 2 => R2, _ => throw new IndexOutOfRangeException() };
    public double this[int row, int col] => this[row][col];

    public static Mat3 FromRowMajor(ReadOnlySpan<double> v) =>
        new(new(v[0], v[1], v[2]), new(v[3], v[4], v[5]), new(v[6], v[7], v[8]));

    public double[] ToRowMajor() => [R0.X, R0.Y, R0.Z, R1.X, R1.Y, R1.Z, R2.X, R2.Y, R2.Z];

    public static Mat3 Diagonal(double a, double b, double c) => new(new(a, 0, 0), new(0, b, 0), new(0, 0, c));

    public double Determinant => Vec3.Dot(R0, Vec3.Cross(R1, R2));

    public Mat3 Transpose() => new(new(R0.X, R1.X, R2.X), new(R0.Y, R1.Y, R2.Y), new(R0.Z, R1.Z, R2.Z));

    public Mat3 Inverse()
    {
        double det = Determinant;
        if (Math.Abs(det) < 1e-300) throw new InvalidOperationException("Matrix is singular.");
        // Columns of the inverse are the cross products of the rows, divided by the determinant.
        var c0 = Vec3.Cross(R1, R2) / det;
        var c1 = Vec3.Cross(R2, R0) / det;
        var c2 = Vec3.Cross(R0, R1) / det;
        return new Mat3(c0, c1, c2).Transpose();
    }

    /// <summary>Row vector times matrix: v M (fractional to Cartesian with M = cell).</summary>
    public static Vec3 operator *(Vec3 v, Mat3 m) => v.X * m.R0 + v.Y * m.R1 + v.Z * m.R2;
    /// <summary>Matrix times column vector: M v.</summary>
    public static Vec3 operator *(Mat3 m, Vec3 v) => new(Vec3.Dot(m.R0, v), Vec3.Dot(m.R1, v), Vec3.Dot(m.R2, v));
    public static Mat3 operator *(Mat3 a, Mat3 b) => new(a.R0 * b, a.R1 * b, a.R2 * b);
    public static Mat3 operator *(double s, Mat3 a) => new(s * a.R0, s * a.R1, s * a.R2);
    public static Mat3 operator +(Mat3 a, Mat3 b) => new(a.R0 + b.R0, a.R1 + b.R1, a.R2 + b.R2);
    public static Mat3 operator -(Mat3 a, Mat3 b) => new(a.R0 - b.R0, a.R1 - b.R1, a.R2 - b.R2);

    /// <summary>Outer product a b^T.</summary>
    public static Mat3 Outer(Vec3 a, Vec3 b) => new(a.X * b, a.Y * b, a.Z * b);

    public double FrobeniusNorm => Math.Sqrt(R0.LengthSquared + R1.LengthSquared + R2.LengthSquared);
}
