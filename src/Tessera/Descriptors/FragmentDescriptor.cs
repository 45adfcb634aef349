using System.Numerics;
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
        BlockLength = [.. Enumerable.Repeat(_perPair, Triangle(_species.Count)),
                       .. Enumerable.Repeat(_perAngle, _angular is null ? 0 : _elements.Length * Triangle(_elements.Length))];
    }

    /// <summary>Lengths of the feature blocks in order (pair blocks, then angle blocks). A block that is zero throughout
    /// has no term with a non-zero value, hence none with a non-zero derivative: every term is a product of Gaussians
    /// (whose slopes vanish with them) and of non-negative sums (a pair's inverse powers, an angle's arm products at
    /// cosine power 0), so the gradient of a part of the descriptor needs weights only on its non-zero blocks.</summary>
    public int[] BlockLength { get; }

    private static int Triangle(int m) => m * (m + 1) / 2;

    public int Length { get; }
    public IReadOnlyList<int> Elements => _elements;
    public FragmentDescriptorSettings Settings => _settings;

    /// <summary>Writes the descriptor of the atoms into <paramref name="features"/> (length <see cref="Length"/>).</summary>
    public void Compute(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom, Span<double> features) =>
        Compute(numbers, positions, unitOfAtom, features, 0);

    /// <summary>The part of the descriptor whose pair and angle terms reach every unit of the given atoms (units 0..k-1,
    /// k at most 31). A fragment's descriptor is the sum of these parts over the subsets of its units, and no term reaches
    /// more than three units, so fragments that share units share the parts of those units: a batch computes each once.</summary>
    public void ComputeSpanning(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom, Span<double> features) =>
        Compute(numbers, positions, unitOfAtom, features, AllUnits(unitOfAtom));

    /// <summary>The gradient of <see cref="ComputeSpanning"/> contracted with the weights, as <see cref="AccumulateGradient"/>.</summary>
    public void AccumulateSpanningGradient(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom,
                                           ReadOnlySpan<double> featureWeights, Span<Vec3> gradient) =>
        AccumulateGradient(numbers, positions, unitOfAtom, featureWeights, gradient, AllUnits(unitOfAtom));

    /// <summary>Bit mask of the units present (0 for none).</summary>
    private static int AllUnits(ReadOnlySpan<int> unitOfAtom)
    {
        int mask = 0;
        foreach (int u in unitOfAtom)
        {
            if (u is < 0 or > 30) throw new ArgumentException($"Unit index {u} is outside 0..30.");
            mask |= 1 << u;
        }
        return mask;
    }

    /// <summary>Pairs and angles that reach every unit in <paramref name="required"/> (0: all of them).</summary>
    private void Compute(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom, Span<double> features,
                         int required)
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
                if (!Reaches(required, unitOfAtom[i], unitOfAtom[j])) continue;
                PairBasis(unitOfAtom[i] == unitOfAtom[j], (positions[j] - positions[i]).Length, value, slope);
                var block = features.Slice(PairOffset(species[i], species[j]), _perPair);
                for (int k = 0; k < _perPair; k++) block[k] += value[k];
            }
        if (_angular is null) return;
        Span<double> arms = stackalloc double[4 * _armCount];
        foreach (var t in new Angles(positions, unitOfAtom, _angular.AcrossUnits, _armLimit, required))
        {
            var sink = new ValueSink(features.Slice(AngleOffset(numbers[t.I], numbers[t.J], numbers[t.K]), _perAngle));
            AngleBasis(t.A, t.B, t.Cos, arms, ref sink);
        }
    }

    /// <summary>Adds to <paramref name="gradient"/> the position gradient of sum_f w_f G_f, where
    /// w = <paramref name="featureWeights"/> (e.g. dE/dG from a network): a vector-Jacobian product, so
    /// forces never need the full Jacobian.</summary>
    public void AccumulateGradient(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom,
                                   ReadOnlySpan<double> featureWeights, Span<Vec3> gradient) =>
        AccumulateGradient(numbers, positions, unitOfAtom, featureWeights, gradient, 0);

    private void AccumulateGradient(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom,
                                    ReadOnlySpan<double> featureWeights, Span<Vec3> gradient, int required)
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
                if (!Reaches(required, unitOfAtom[i], unitOfAtom[j])) continue;
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
        Span<double> arms = stackalloc double[4 * _armCount];
        foreach (var t in new Angles(positions, unitOfAtom, _angular.AcrossUnits, _armLimit, required))
        {
            var sink = new WeightedSink(featureWeights.Slice(AngleOffset(numbers[t.I], numbers[t.J], numbers[t.K]), _perAngle));
            AngleBasis(t.A, t.B, t.Cos, arms, ref sink);
            double dA = sink.DA, dB = sink.DB, dC = sink.DC;
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
        Span<double> arms = stackalloc double[4 * _armCount];
        foreach (var t in new Angles(positions, unitOfAtom, _angular.AcrossUnits, _armLimit, 0))
        {
            // The changes of a, b and cos(theta) along the direction, from the same partials the forces use.
            Vec3 dj = direction[t.J] - direction[t.I], dk = direction[t.K] - direction[t.I];
            var sink = new TangentSink(tangent.Slice(AngleOffset(numbers[t.I], numbers[t.J], numbers[t.K]), _perAngle),
                                       Vec3.Dot(t.Uj, dj), Vec3.Dot(t.Uk, dk), Vec3.Dot(t.CosJ, dj) + Vec3.Dot(t.CosK, dk));
            AngleBasis(t.A, t.B, t.Cos, arms, ref sink);
        }
    }

    /// <summary>One angle j-i-k: arm lengths a = |r_ij| and b = |r_ik|, cos(theta), and the partial derivatives of a
    /// (unit vector Uj, with respect to atom j), b (Uk, atom k) and cos(theta) (CosJ, CosK); those of atom i are minus
    /// the sums.</summary>
    private readonly record struct Angle(int I, int J, int K, double A, double B, double Cos, Vec3 Uj, Vec3 Uk, Vec3 CosJ, Vec3 CosK);

    /// <summary>Every angle j-i-k (j &lt; k, both different from i), all of them or only those whose three atoms share
    /// one unit, and with <c>required</c> only those whose atoms reach exactly those units, skipping angles with an arm
    /// beyond <c>armLimit</c>; allocation-free. An arm i-j that cannot be part of an angle is skipped before any k.</summary>
    private ref struct Angles(ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom, bool acrossUnits, double armLimit, int required)
    {
        private readonly int _required = required;
        private readonly ReadOnlySpan<Vec3> _positions = positions;
        private readonly ReadOnlySpan<int> _unit = unitOfAtom;
        private readonly bool _all = acrossUnits;
        private readonly double _limit = armLimit;
        private int _i, _j = -1, _k = unitOfAtom.Length; // the first MoveNext looks for the first arm
        private int _armUnits;                           // units of the current arm i-j (bit mask)
        private Vec3 _u;                                 // r_j - r_i
        private double _a;                               // |r_j - r_i|

        public Angle Current { get; private set; }
        public readonly Angles GetEnumerator() => this;

        public bool MoveNext()
        {
            int n = _unit.Length;
            while (true)
            {
                if (++_k >= n)
                {
                    do
                    {
                        if (++_j >= n) { _j = 0; if (++_i >= n) return false; }
                    } while (!ArmUsable());
                    _k = _j;
                    continue;
                }
                if (_k == _i) continue;
                int uk = _unit[_k];
                if (!_all && uk != _unit[_i]) continue;
                if (_required != 0 && (_armUnits | (1 << uk)) != _required) continue;
                Vec3 v = _positions[_k] - _positions[_i];
                double b = v.Length;
                if (b > _limit) continue;
                Vec3 uh = _u * (1 / _a), vh = v * (1 / b);
                double c = Vec3.Dot(uh, vh);
                Current = new Angle(_i, _j, _k, _a, b, c, uh, vh, (vh - c * uh) * (1 / _a), (uh - c * vh) * (1 / b));
                return true;
            }
        }

        /// <summary>Whether some k can complete the arm i-j (units allowed, length within the limit); keeps its vector.</summary>
        private bool ArmUsable()
        {
            if (_j == _i) return false;
            int ui = _unit[_i], uj = _unit[_j];
            if (!_all && uj != ui) return false;
            _armUnits = (1 << ui) | (1 << uj);
            if (_required != 0 && ((_armUnits & ~_required) != 0 || BitOperations.PopCount((uint)(_required & ~_armUnits)) > 1))
                return false;
            _u = _positions[_j] - _positions[_i];
            _a = _u.Length;
            return _a <= _limit;
        }
    }

    /// <summary>What a pass does with each angular feature f of one angle: its value and its derivatives with respect to
    /// a = |r_ij|, b = |r_ik| and c = cos(theta). Structs, so each pass compiles to its own loop and computes only what it reads.</summary>
    private interface IAngleSink
    {
        void Add(int f, double value, double dA, double dB, double dC);
    }

    /// <summary>Adds the values to the angle's feature block.</summary>
    private readonly ref struct ValueSink(Span<double> block) : IAngleSink
    {
        private readonly Span<double> _block = block;
        public void Add(int f, double value, double dA, double dB, double dC) => _block[f] += value;
    }

    /// <summary>Contracts the derivatives with the block's feature weights: d(sum_f w_f A_f)/da, /db and /dc.</summary>
    private ref struct WeightedSink(ReadOnlySpan<double> weights) : IAngleSink
    {
        private readonly ReadOnlySpan<double> _w = weights;
        public double DA, DB, DC;
        public void Add(int f, double value, double dA, double dB, double dC)
        {
            double w = _w[f];
            DA += w * dA; DB += w * dB; DC += w * dC;
        }
    }

    /// <summary>Adds the change of each feature along given changes of a, b and c (a Jacobian-vector product).</summary>
    private readonly ref struct TangentSink(Span<double> block, double da, double db, double dc) : IAngleSink
    {
        private readonly Span<double> _block = block;
        public void Add(int f, double value, double dA, double dB, double dC) => _block[f] += da * dA + db * dB + dc * dC;
    }

    /// <summary>The one place the angular basis is defined: hands every feature of the angle (a, b, c) with its derivatives
    /// to <paramref name="sink"/>; <paramref name="arms"/> (4 * arms long) is scratch.</summary>
    private void AngleBasis<TSink>(double a, double b, double c, scoped Span<double> arms, ref TSink sink)
        where TSink : struct, IAngleSink, allows ref struct
    {
        var grid = _angular!.Arms;
        int m = _armCount, powers = _angular.CosinePowers;
        var ga = arms[..m]; var dga = arms.Slice(m, m);
        var gb = arms.Slice(2 * m, m); var dgb = arms.Slice(3 * m, m);
        grid.Gaussians(a, ga, dga);
        grid.Gaussians(b, gb, dgb);
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
                    sink.Add(f, s * cp, sa * cp, sb * cp, s * cpm1);
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
        grid.Gaussians(r, value.Slice(offset, grid.Count), slope.Slice(offset, grid.Count));
        if (intra) return;
        double inv = 1.0 / r, inv2 = inv * inv, inv6 = inv2 * inv2 * inv2;
        value[^2] = inv;
        slope[^2] = -inv * inv;
        value[^1] = inv6;
        slope[^1] = -6 * inv6 * inv;
    }

    /// <summary>Whether a pair of atoms in units a and b reaches every unit of <paramref name="required"/> (0: always).</summary>
    private static bool Reaches(int required, int a, int b) => required == 0 || ((1 << a) | (1 << b)) == required;

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
