namespace Tessera.Descriptors;

/// <summary>The neighbours of one central atom, in the descriptor's own length unit: displacement
/// components r_j - r_i, distances and atomic numbers, as parallel arrays of length Count. Filled per atom
/// into per-thread storage. Quantities shared by many symmetry functions (cutoff and compact-function values per
/// neighbour, neighbours of each element) are computed once per atom on first use.</summary>
public sealed class AtomEnvironment
{
    public int Count { get; private set; }
    public double[] Dx { get; private set; } = new double[64];
    public double[] Dy { get; private set; } = new double[64];
    public double[] Dz { get; private set; } = new double[64];
    public double[] R { get; private set; } = new double[64];
    /// <summary>Atomic numbers of the neighbours (as doubles: the weighted functions multiply by them).</summary>
    public double[] Z { get; private set; } = new double[64];
    /// <summary>1/R, once per neighbour: every pair of every group divides by both distances.</summary>
    public double[] InvR { get; private set; } = new double[64];
    /// <summary>Index of the neighbour atom in the structure (for scattering derivatives).</summary>
    public int[] Atom { get; private set; } = new int[64];

    private readonly List<(CutoffFunction Key, double[] F, double[] D)> _cutoffs = [];
    private readonly List<(CompactFunction Key, double[] F, double[] D)> _compacts = [];
    private readonly List<((double Eta, double Shift) Key, double[] F, double[] D)> _gaussians = [];
    private int _cutoffsUsed, _compactsUsed, _gaussiansUsed, _rowsUsed;
    private readonly List<(object Key, double[] Rows)> _rows = [];
    private readonly Dictionary<int, List<int>> _byElement = [];
    private bool _elementsReady;

    public void Clear()
    {
        Count = 0;
        _cutoffsUsed = 0; _compactsUsed = 0; _gaussiansUsed = 0; _rowsUsed = 0;
        _elementsReady = false;
    }

    public void Add(int atom, int z, double dx, double dy, double dz, double r)
    {
        if (Count == R.Length) Grow();
        int n = Count++;
        Atom[n] = atom; Z[n] = z; Dx[n] = dx; Dy[n] = dy; Dz[n] = dz; R[n] = r; InvR[n] = 1.0 / r;
        _cutoffsUsed = 0; _compactsUsed = 0; _gaussiansUsed = 0; _rowsUsed = 0; _elementsReady = false;
    }

    /// <summary>Neighbour indices (ascending) of atomic number z.</summary>
    public ReadOnlySpan<int> NeighboursOfElement(int z)
    {
        if (!_elementsReady)
        {
            foreach (var l in _byElement.Values) l.Clear();
            for (int j = 0; j < Count; j++)
            {
                int e = (int)Z[j];
                if (!_byElement.TryGetValue(e, out var l)) _byElement[e] = l = [];
                l.Add(j);
            }
            _elementsReady = true;
        }
        return _byElement.TryGetValue(z, out var list) ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list) : [];
    }

    /// <summary>f_c(r_j) and df_c/dr for every neighbour, computed once per atom for each distinct cutoff.</summary>
    public (double[] F, double[] D) CutoffValues(in CutoffFunction fc)
    {
        for (int c = 0; c < _cutoffsUsed; c++)
        {
            var k = _cutoffs[c].Key;
            if (k.Type == fc.Type && k.Radius == fc.Radius && k.Alpha == fc.Alpha) return (_cutoffs[c].F, _cutoffs[c].D);
        }
        var (f, d) = Slot(_cutoffs, _cutoffsUsed);
        for (int j = 0; j < Count; j++) fc.Evaluate(R[j], out f[j], out d[j]);
        _cutoffs[_cutoffsUsed++] = (fc, f, d);
        return (f, d);
    }

    /// <summary>C(r_j) and dC/dr for every neighbour, computed once per atom for each distinct compact function.
    /// Values outside the support are meaningless; callers check it.</summary>
    public (double[] F, double[] D) CompactValues(in CompactFunction cf)
    {
        for (int c = 0; c < _compactsUsed; c++)
        {
            var k = _compacts[c].Key;
            if (k.Kind == cf.Kind && k.Asymmetric == cf.Asymmetric && k.Left == cf.Left && k.Right == cf.Right)
                return (_compacts[c].F, _compacts[c].D);
        }
        var (f, d) = Slot(_compacts, _compactsUsed);
        for (int j = 0; j < Count; j++) cf.Evaluate(R[j], out f[j], out d[j]);
        _compacts[_compactsUsed++] = (cf, f, d);
        return (f, d);
    }

    /// <summary>exp(-eta (r_j - r_s)^2) for every neighbour, computed once per atom for each distinct (eta, r_s): an
    /// angular Gaussian is the product of its distances' factors, so a pair needs at most the r_jk one.</summary>
    public double[] GaussianValues(double eta, double shift)
    {
        for (int c = 0; c < _gaussiansUsed; c++)
            if (_gaussians[c].Key == (eta, shift)) return _gaussians[c].F;
        var (f, d) = Slot(_gaussians, _gaussiansUsed);
        for (int j = 0; j < Count; j++) { double s = R[j] - shift; f[j] = Math.Exp(-eta * s * s); }
        _gaussians[_gaussiansUsed++] = ((eta, shift), f, d);
        return f;
    }

    /// <summary><see cref="GaussianValues"/> of each (eta[q], shift[q]) neighbour-major: neighbour j's at
    /// [j width + q] (0 beyond the last q), so a pair loads its two neighbours' Gaussians as whole vectors. Computed
    /// once per atom for each <paramref name="key"/> (a group: both its passes read them).</summary>
    public ReadOnlySpan<double> GaussianRows(object key, ReadOnlySpan<double> eta, ReadOnlySpan<double> shift, int width)
    {
        for (int c = 0; c < _rowsUsed; c++)
            if (ReferenceEquals(_rows[c].Key, key)) return _rows[c].Rows.AsSpan(0, Count * width);
        if (_rowsUsed == _rows.Count || _rows[_rowsUsed].Rows.Length < Count * width)
        {
            var entry = ((object)key, new double[R.Length * width]);
            if (_rowsUsed == _rows.Count) _rows.Add(entry); else _rows[_rowsUsed] = entry;
        }
        var rows = _rows[_rowsUsed].Rows;
        _rows[_rowsUsed++] = (key, rows);
        Array.Clear(rows, 0, Count * width);
        for (int q = 0; q < eta.Length; q++)
        {
            var e = GaussianValues(eta[q], shift[q]);
            for (int j = 0; j < Count; j++) rows[j * width + q] = e[j];
        }
        return rows.AsSpan(0, Count * width);
    }

    private double[][] _tableF = [], _tableD = [], _tableE = [];

    /// <summary><see cref="GaussianValues"/> of each (eta[q], shift[q]), as rows valid until the next call.</summary>
    public ReadOnlySpan<double[]> GaussianTable(ReadOnlySpan<double> eta, ReadOnlySpan<double> shift)
    {
        if (_tableE.Length < eta.Length) _tableE = new double[eta.Length][];
        for (int q = 0; q < eta.Length; q++) _tableE[q] = GaussianValues(eta[q], shift[q]);
        return _tableE.AsSpan(0, eta.Length);
    }

    /// <summary><see cref="CompactValues"/> of each of <paramref name="functions"/> (from the per-atom cache), as rows
    /// valid until the next call: a group takes all its radial functions' values at once.</summary>
    public void CompactTable(ReadOnlySpan<CompactFunction> functions, out ReadOnlySpan<double[]> f, out ReadOnlySpan<double[]> d)
    {
        if (_tableF.Length < functions.Length) { _tableF = new double[functions.Length][]; _tableD = new double[functions.Length][]; }
        for (int u = 0; u < functions.Length; u++) (_tableF[u], _tableD[u]) = CompactValues(functions[u]);
        f = _tableF.AsSpan(0, functions.Length); d = _tableD.AsSpan(0, functions.Length);
    }

    private (double[] F, double[] D) Slot<T>(List<(T Key, double[] F, double[] D)> list, int used)
    {
        if (used == list.Count || list[used].F.Length < Count)
        {
            var entry = (default(T)!, new double[R.Length], new double[R.Length]);
            if (used == list.Count) list.Add(entry); else list[used] = entry;
        }
        return (list[used].F, list[used].D);
    }

    private void Grow()
    {
        int size = R.Length * 2;
        Dx = Resize(Dx, size); Dy = Resize(Dy, size); Dz = Resize(Dz, size); R = Resize(R, size); Z = Resize(Z, size); InvR = Resize(InvR, size);
        var a = new int[size]; Array.Copy(Atom, a, Count); Atom = a;
        _cutoffs.Clear(); _compacts.Clear(); _gaussians.Clear(); _rows.Clear(); _cutoffsUsed = 0; _compactsUsed = 0; _gaussiansUsed = 0; _rowsUsed = 0;
    }

    private double[] Resize(double[] v, int size) { var n = new double[size]; Array.Copy(v, n, Count); return n; }
}
