namespace Tessera.Descriptors;

/// <summary>The neighbours of one central atom, in the descriptor's own length unit: displacement
/// components r_j - r_i, distances and atomic numbers, as parallel arrays of length Count.
/// Filled per atom into per-thread storage; symmetry functions only read it.</summary>
public sealed class AtomEnvironment
{
    public int Count { get; private set; }
    public double[] Dx { get; private set; } = new double[64];
    public double[] Dy { get; private set; } = new double[64];
    public double[] Dz { get; private set; } = new double[64];
    public double[] R { get; private set; } = new double[64];
    /// <summary>Atomic numbers of the neighbours (as doubles: the weighted functions multiply by them).</summary>
    public double[] Z { get; private set; } = new double[64];
    /// <summary>Index of the neighbour atom in the structure (for scattering derivatives).</summary>
    public int[] Atom { get; private set; } = new int[64];

    public void Clear() => Count = 0;

    public void Add(int atom, int z, double dx, double dy, double dz, double r)
    {
        if (Count == R.Length) Grow();
        int n = Count++;
        Atom[n] = atom; Z[n] = z; Dx[n] = dx; Dy[n] = dy; Dz[n] = dz; R[n] = r;
    }

    private void Grow()
    {
        int size = R.Length * 2;
        Dx = Resize(Dx, size); Dy = Resize(Dy, size); Dz = Resize(Dz, size); R = Resize(R, size); Z = Resize(Z, size);
        var a = new int[size]; Array.Copy(Atom, a, Count); Atom = a;
    }

    private double[] Resize(double[] v, int size) { var n = new double[size]; Array.Copy(v, n, Count); return n; }
}
