using Tessera.Core;

namespace Tessera.Descriptors;

/// <summary>
/// Fixed-length fragment descriptor: for every pair of elements (a &lt;= b), Gaussian-smeared
/// distributions of the distances between an a and a b atom, separately for pairs inside one unit and
/// pairs in different units, plus the inter-unit sums of 1/r and 1/r^6:
///   G_k = sum_{pairs} exp(-(r - mu_k)^2 / (2 sigma^2));
/// and, when the settings ask for it, for every centre element and unordered pair of neighbour elements,
/// three-body terms over the angles j-i-k (inside one unit, or across units too):
///   A_abp = sum_{angles} 1/2 [g_a(r_ij) g_b(r_ik) + g_b(r_ij) g_a(r_ik)] cos^p(theta_jik),  a &lt;= b.
/// Sums over pairs make it invariant to translation, rotation, and to permutations of identical atoms
/// and of identical units; it is smooth (C-infinity) with analytic derivatives. We chose pair-distance
/// distributions over the original principal-axes frame because a frame flips discontinuously when
/// two moments of inertia cross, and over sorted invariants because sorting has kinks.
/// </summary>
public sealed class FragmentDescriptor
{
    private readonly int[] _elements;     // sorted atomic numbers the descriptor covers
    private readonly DescriptorSpecies _species; // what the pair blocks tell apart: elements, or elements per unit kind
    private readonly FragmentDescriptorSettings _settings;
    private readonly int _perPair;
    private readonly int _pairsLength, _perAngle, _armCount;
    private readonly AngularBasis? _angular;
    // Beyond 9 sigma past the last arm centre every arm Gaussian is below 3e-18 of its peak: those angles add
    // nothing a double can hold, so skipping them changes no feature (W21's tetramers are mostly such angles).
    private readonly double _armLimit;

    /// <param name="unitFormulas">Charge-free formulas of the fragment type's units (<c>Fragment.UnitFormulas</c>);
    /// needed when the settings ask for unit species.</param>
    public FragmentDescriptor(FragmentDescriptorSettings settings, IEnumerable<int> elements, IReadOnlyList<string>? unitFormulas = null)
    {
        _settings = settings.Validate();
        _elements = elements.Distinct().Order().ToArray();
        if (_elements.Length == 0) throw new ArgumentException("A fragment descriptor needs at least one element.");
        _species = new DescriptorSpecies(_elements, settings.UnitSpecies, unitFormulas);
        _perPair = settings.Intra.Count + settings.Inter.Count + 2;
        _pairsLength = Triangle(_species.Count) * _perPair;
        _angular = settings.Angular;
        _armCount = _angular?.Arms.Count ?? 0;
        _armLimit = _angular is null ? 0 : _angular.Arms.Centre(_armCount - 1) + 9 * _angular.Arms.Sigma;
        _perAngle = _armCount * (_armCount + 1) / 2 * (_angular?.CosinePowers ?? 0);
        Length = _pairsLength + _elements.Length * Triangle(_elements.Length) * _perAngle;
    }

    private static int Triangle(int m) => m * (m + 1) / 2;

    public int Length { get; }
    public IReadOnlyList<int> Elements => _elements;
    public FragmentDescriptorSettings Settings => _settings;

    /// <summary>Writes the descriptor of the atoms into <paramref name="features"/> (length <see cref="Length"/>).</summary>
    public void Compute(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom, Span<double> features)
    {
        Check(numbers, positions, unitOfAtom, features.Length);
        features.Clear();
        Span<int> species = numbers.Length <= 256 ? stackalloc int[numbers.Length] : new int[numbers.Length];
        _species.Assign(numbers, unitOfAtom, species);
        Span<double> value = stackalloc double[_perPair];
        Span<double> slope = stackalloc double[_perPair];
        for (int i = 0; i < numbers.Length; i++)
            for (int j = i + 1; j < numbers.Length; j++)
            {
                PairBasis(unitOfAtom[i] == unitOfAtom[j], (positions[j] - positions[i]).Length, value, slope);
                var block = features.Slice(PairOffset(species[i], species[j]), _perPair);
                for (int k = 0; k < _perPair; k++) block[k] += value[k];
            }
        if (_angular is null) return;
        Span<double> angle = stackalloc double[4 * _perAngle + 4 * _armCount];
        foreach (var t in new Angles(positions, unitOfAtom, _angular.AcrossUnits, _armLimit))
        {
            AngleBasis(t.A, t.B, t.Cos, angle);
            var block = features.Slice(AngleOffset(numbers[t.I], numbers[t.J], numbers[t.K]), _perAngle);
            var v = angle[.._perAngle];
            for (int f = 0; f < _perAngle; f++) block[f] += v[f];
        }
    }

    /// <summary>Adds to <paramref name="gradient"/> the position gradient of sum_f w_f G_f, where
    /// w = <paramref name="featureWeights"/> (e.g. dE/dG from a network): a vector-Jacobian product, so
    /// forces never need the full Jacobian.</summary>
    public void AccumulateGradient(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom,
                                   ReadOnlySpan<double> featureWeights, Span<Vec3> gradient)
    {
        Check(numbers, positions, unitOfAtom, featureWeights.Length);
        if (gradient.Length != numbers.Length) throw new ArgumentException("Gradient length differs from the atom count.");
        Span<int> species = numbers.Length <= 256 ? stackalloc int[numbers.Length] : new int[numbers.Length];
        _species.Assign(numbers, unitOfAtom, species);
        Span<double> value = stackalloc double[_perPair];
        Span<double> slope = stackalloc double[_perPair];
        for (int i = 0; i < numbers.Length; i++)
            for (int j = i + 1; j < numbers.Length; j++)
            {
                var d = positions[j] - positions[i];
                double r = d.Length;
                PairBasis(unitOfAtom[i] == unitOfAtom[j], r, value, slope);
                var w = featureWeights.Slice(PairOffset(species[i], species[j]), _perPair);
                double dSdr = 0;
                for (int k = 0; k < _perPair; k++) dSdr += w[k] * slope[k];
                var g = (dSdr / r) * d;  // d/dr_j; d/dr_i is its negative
                gradient[j] += g;
                gradient[i] -= g;
            }
        if (_angular is null) return;
        Span<double> angle = stackalloc double[4 * _perAngle + 4 * _armCount];
        foreach (var t in new Angles(positions, unitOfAtom, _angular.AcrossUnits, _armLimit))
        {
            AngleBasis(t.A, t.B, t.Cos, angle);
            var w = featureWeights.Slice(AngleOffset(numbers[t.I], numbers[t.J], numbers[t.K]), _perAngle);
            double dA = 0, dB = 0, dC = 0;
            for (int f = 0; f < _perAngle; f++)
            {
                dA += w[f] * angle[_perAngle + f]; dB += w[f] * angle[2 * _perAngle + f]; dC += w[f] * angle[3 * _perAngle + f];
            }
            // Gradient of dA a + dB b + dC cos(theta) on atoms j and k; atom i takes minus their sum.
            var gj = dA * t.Uj + dC * t.CosJ;
            var gk = dB * t.Uk + dC * t.CosK;
            gradient[t.J] += gj;
            gradient[t.K] += gk;
            gradient[t.I] -= gj + gk;
        }
    }

    /// <summary>Writes dG/dx . v (a Jacobian-vector product: the change of every feature along the atom
    /// displacements <paramref name="direction"/>) into <paramref name="tangent"/>; force-loss training needs it.</summary>
    public void Directional(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom,
                            ReadOnlySpan<Vec3> direction, Span<double> tangent)
    {
        Check(numbers, positions, unitOfAtom, tangent.Length);
        if (direction.Length != numbers.Length) throw new ArgumentException("Direction length differs from the atom count.");
        tangent.Clear();
        Span<int> species = numbers.Length <= 256 ? stackalloc int[numbers.Length] : new int[numbers.Length];
        _species.Assign(numbers, unitOfAtom, species);
        Span<double> value = stackalloc double[_perPair];
        Span<double> slope = stackalloc double[_perPair];
        for (int i = 0; i < numbers.Length; i++)
            for (int j = i + 1; j < numbers.Length; j++)
            {
                var d = positions[j] - positions[i];
                double r = d.Length;
                double dr = Vec3.Dot(d, direction[j] - direction[i]) / r; // change of r along the direction
                PairBasis(unitOfAtom[i] == unitOfAtom[j], r, value, slope);
                var block = tangent.Slice(PairOffset(species[i], species[j]), _perPair);
                for (int k = 0; k < _perPair; k++) block[k] += dr * slope[k];
            }
        if (_angular is null) return;
        Span<double> angle = stackalloc double[4 * _perAngle + 4 * _armCount];
        foreach (var t in new Angles(positions, unitOfAtom, _angular.AcrossUnits, _armLimit))
        {
            AngleBasis(t.A, t.B, t.Cos, angle);
            // The changes of a, b and cos(theta) along the direction, from the same partials the forces use.
            Vec3 dj = direction[t.J] - direction[t.I], dk = direction[t.K] - direction[t.I];
            double da = Vec3.Dot(t.Uj, dj), db = Vec3.Dot(t.Uk, dk), dc = Vec3.Dot(t.CosJ, dj) + Vec3.Dot(t.CosK, dk);
            var block = tangent.Slice(AngleOffset(numbers[t.I], numbers[t.J], numbers[t.K]), _perAngle);
            for (int f = 0; f < _perAngle; f++)
                block[f] += da * angle[_perAngle + f] + db * angle[2 * _perAngle + f] + dc * angle[3 * _perAngle + f];
        }
    }

    /// <summary>One angle j-i-k: arm lengths a = |r_ij| and b = |r_ik|, cos(theta), and the partial derivatives of a
    /// (unit vector Uj, with respect to atom j), b (Uk, atom k) and cos(theta) (CosJ, CosK); those of atom i are minus
    /// the sums.</summary>
    private readonly record struct Angle(int I, int J, int K, double A, double B, double Cos, Vec3 Uj, Vec3 Uk, Vec3 CosJ, Vec3 CosK);

    /// <summary>Every angle j-i-k (j &lt; k, both different from i), all of them or only those whose three atoms share
    /// one unit, skipping angles with an arm beyond <c>armLimit</c>; allocation-free.</summary>
    private ref struct Angles(ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom, bool acrossUnits, double armLimit)
    {
        private readonly ReadOnlySpan<Vec3> _positions = positions;
        private readonly ReadOnlySpan<int> _unit = unitOfAtom;
        private readonly bool _all = acrossUnits;
        private readonly double _limit = armLimit;
        private int _i, _j, _k;

        public Angle Current { get; private set; }
        public readonly Angles GetEnumerator() => this;

        public bool MoveNext()
        {
            int n = _unit.Length;
            while (true)
            {
                if (++_k >= n)
                {
                    if (++_j >= n) { _j = 0; if (++_i >= n) return false; }
                    _k = _j;
                    continue;
                }
                if (_j == _i || _k == _i || !(_all || (_unit[_j] == _unit[_i] && _unit[_k] == _unit[_i]))) continue;
                Vec3 u = _positions[_j] - _positions[_i], v = _positions[_k] - _positions[_i];
                double a = u.Length, b = v.Length;
                if (a > _limit || b > _limit) continue;
                Vec3 uh = u * (1 / a), vh = v * (1 / b);
                double c = Vec3.Dot(uh, vh);
                Current = new Angle(_i, _j, _k, a, b, c, uh, vh, (vh - c * uh) * (1 / a), (uh - c * vh) * (1 / b));
                return true;
            }
        }
    }

    /// <summary>The one place the angular basis is defined. Fills, in four consecutive blocks of the angle block's
    /// length, the values and their derivatives with respect to a = |r_ij|, b = |r_ik| and c = cos(theta);
    /// the last 4 * arms entries are scratch.</summary>
    private void AngleBasis(double a, double b, double c, Span<double> output)
    {
        var grid = _angular!.Arms;
        int m = _armCount, powers = _angular.CosinePowers;
        var ga = output.Slice(4 * _perAngle, m); var dga = output.Slice(4 * _perAngle + m, m);
        var gb = output.Slice(4 * _perAngle + 2 * m, m); var dgb = output.Slice(4 * _perAngle + 3 * m, m);
        double inv2s2 = 1.0 / (2 * grid.Sigma * grid.Sigma);
        for (int q = 0; q < m; q++)
        {
            double ua = a - grid.Centre(q), ub = b - grid.Centre(q);
            ga[q] = Math.Exp(-ua * ua * inv2s2); dga[q] = -2 * ua * inv2s2 * ga[q];
            gb[q] = Math.Exp(-ub * ub * inv2s2); dgb[q] = -2 * ub * inv2s2 * gb[q];
        }
        var value = output[.._perAngle]; var dA = output.Slice(_perAngle, _perAngle);
        var dB = output.Slice(2 * _perAngle, _perAngle); var dC = output.Slice(3 * _perAngle, _perAngle);
        int f = 0;
        for (int p = 0; p < m; p++)
            for (int q = p; q < m; q++)
            {
                double s = 0.5 * (ga[p] * gb[q] + ga[q] * gb[p]);
                double sa = 0.5 * (dga[p] * gb[q] + dga[q] * gb[p]);
                double sb = 0.5 * (ga[p] * dgb[q] + ga[q] * dgb[p]);
                double cp = 1, cpm1 = 0; // c^e and e c^(e-1)
                for (int e = 0; e < powers; e++, f++)
                {
                    value[f] = s * cp; dA[f] = sa * cp; dB[f] = sb * cp; dC[f] = s * cpm1;
                    cpm1 = (e + 1) * cp; cp *= c;
                }
            }
    }

    // Angles keep element blocks (centre element, unordered neighbour elements) also with unit species: the pair
    // blocks already say which unit is which, and angle blocks per unit kind would multiply the length by the kinds cubed.
    private int AngleOffset(int centre, int zj, int zk) =>
        _pairsLength + (_species.ElementSlot(centre) * Triangle(_elements.Length)
                        + TriangleIndex(_species.ElementSlot(zj), _species.ElementSlot(zk), _elements.Length)) * _perAngle;

    /// <summary>The one place the basis is defined: one pair's contribution to its element pair's block
    /// (<paramref name="value"/>) and its derivative with respect to the distance (<paramref name="slope"/>).
    /// Intra-unit pairs fill the intra Gaussians; inter-unit pairs the inter Gaussians, 1/r and 1/r^6.</summary>
    private void PairBasis(bool intra, double r, Span<double> value, Span<double> slope)
    {
        value.Clear();
        slope.Clear();
        var grid = intra ? _settings.Intra : _settings.Inter;
        int offset = intra ? 0 : _settings.Intra.Count;
        double inv2s2 = 1.0 / (2 * grid.Sigma * grid.Sigma);
        for (int k = 0; k < grid.Count; k++)
        {
            double u = r - grid.Centre(k);
            double e = Math.Exp(-u * u * inv2s2);
            value[offset + k] = e;
            slope[offset + k] = -2 * u * inv2s2 * e;
        }
        if (intra) return;
        double inv = 1.0 / r, inv6 = Math.Pow(inv, 6);
        value[^2] = inv;
        slope[^2] = -inv * inv;
        value[^1] = inv6;
        slope[^1] = -6 * inv6 * inv;
    }

    /// <summary>Offset of the pair block of species <paramref name="a"/> and <paramref name="b"/>.</summary>
    private int PairOffset(int a, int b) => TriangleIndex(a, b, _species.Count) * _perPair;

    /// <summary>Index of the unordered pair (a, b) in the upper triangle of an m x m table, row by row.</summary>
    private static int TriangleIndex(int a, int b, int m)
    {
        if (a > b) (a, b) = (b, a);
        return a * m - a * (a - 1) / 2 + (b - a);
    }

    private void Check(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> units, int featureLength)
    {
        if (positions.Length != numbers.Length || units.Length != numbers.Length)
            throw new ArgumentException("Numbers, positions and unit indices must have one entry per atom.");
        if (featureLength != Length) throw new ArgumentException($"Feature span has length {featureLength}, descriptor {Length}.");
    }
}
