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
    private readonly AngularMoments? _moments;
    private readonly int _angleBlocks;
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
        _moments = _angular is null ? null : new AngularMoments(_armCount, _angular.CosinePowers);
        _perAngle = _moments?.Features ?? 0;
        _angleBlocks = _angular is null ? 0 : _elements.Length * Triangle(_elements.Length);
        Length = _pairsLength + _angleBlocks * _perAngle;
        Layout = $"{_settings}|{string.Join(",", _elements)}|{_species.Key}";
        BlockLength = [.. Enumerable.Repeat(_perPair, Triangle(_species.Count)),
                       .. Enumerable.Repeat(_perAngle, _angleBlocks)];
    }

    /// <summary>What fixes the features: settings, elements and species in order. Descriptors with equal layouts compute
    /// equal features for the same atoms (fragment types of different ranks over the same unit kinds share one).</summary>
    public string Layout { get; }

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
        if (_angular is not null) AngularPass(numbers, positions, unitOfAtom, required, features, new Values());
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
        var m = _moments!;
        int length = m.BlockLength;
        Span<double> spread = _angleBlocks * length <= 4096 ? stackalloc double[_angleBlocks * length] : new double[_angleBlocks * length];
        Span<bool> ready = stackalloc bool[_angleBlocks];
        ready.Clear();
        Span<double> arms = stackalloc double[4 * m.Stride];
        arms.Clear();
        int scratchLength = Angles.ScratchLength(numbers.Length);
        Span<double> angleScratch = scratchLength <= 4096 ? stackalloc double[scratchLength] : new double[scratchLength];
        foreach (var t in new Angles(positions, unitOfAtom, _angular.AcrossUnits, _armLimit, required, angleScratch))
        {
            int b = AngleBlock(numbers[t.I], numbers[t.J], numbers[t.K]);
            var s = spread.Slice(b * length, length);
            if (!ready[b]) { m.Spread(featureWeights.Slice(_pairsLength + b * _perAngle, _perAngle), s); ready[b] = true; }
            ArmGaussians(t.A, t.B, arms);
            var (dA, dB, dC) = m.Contract(s, t.Cos, Arm(arms, 0), Arm(arms, 1), Arm(arms, 2), Arm(arms, 3));
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
        if (_angular is not null) AngularPass(numbers, positions, unitOfAtom, 0, tangent, new Tangents(direction));
    }

    /// <summary>Adds every angle's outer products (<paramref name="term"/> says which) into its block's moments, then the
    /// moments' symmetric parts into <paramref name="target"/>'s angle blocks (<see cref="AngularMoments"/>).</summary>
    private void AngularPass<TTerm>(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom, int required,
                                    Span<double> target, TTerm term) where TTerm : struct, IMomentTerm, allows ref struct
    {
        var m = _moments!;
        int length = m.BlockLength;
        Span<double> moments = _angleBlocks * length <= 4096 ? stackalloc double[_angleBlocks * length] : new double[_angleBlocks * length];
        moments.Clear();
        Span<bool> used = stackalloc bool[_angleBlocks];
        used.Clear();
        Span<double> arms = stackalloc double[4 * m.Stride];
        arms.Clear();
        int scratchLength = Angles.ScratchLength(numbers.Length);
        Span<double> angleScratch = scratchLength <= 4096 ? stackalloc double[scratchLength] : new double[scratchLength];
        foreach (var t in new Angles(positions, unitOfAtom, _angular!.AcrossUnits, _armLimit, required, angleScratch))
        {
            int b = AngleBlock(numbers[t.I], numbers[t.J], numbers[t.K]);
            used[b] = true;
            ArmGaussians(t.A, t.B, arms);
            term.Add(m, moments.Slice(b * length, length), t, Arm(arms, 0), Arm(arms, 1), Arm(arms, 2), Arm(arms, 3));
        }
        for (int b = 0; b < _angleBlocks; b++)
            if (used[b]) m.Symmetrise(moments.Slice(b * length, length), target.Slice(_pairsLength + b * _perAngle, _perAngle));
    }

    /// <summary>What one angle adds to its block's moments, from its arm Gaussians x, y and their slopes dx, dy.</summary>
    private interface IMomentTerm
    {
        void Add(AngularMoments m, scoped Span<double> moments, in Angle t, scoped ReadOnlySpan<double> x, scoped ReadOnlySpan<double> dx,
                 scoped ReadOnlySpan<double> y, scoped ReadOnlySpan<double> dy);
    }

    /// <summary>The features: c^e x y^T.</summary>
    private readonly struct Values : IMomentTerm
    {
        public void Add(AngularMoments m, scoped Span<double> moments, in Angle t, scoped ReadOnlySpan<double> x, scoped ReadOnlySpan<double> dx,
                        scoped ReadOnlySpan<double> y, scoped ReadOnlySpan<double> dy) => m.AddOuter(moments, t.Cos, 1, x, y);
    }

    /// <summary>The features' change along atom displacements: with the changes da, db, dc of the arms and the cosine
    /// (from the same partials the forces use), c^e (da dx y^T + db x dy^T) + dc e c^(e-1) x y^T.</summary>
    private readonly ref struct Tangents(ReadOnlySpan<Vec3> direction) : IMomentTerm
    {
        private readonly ReadOnlySpan<Vec3> _direction = direction;

        public void Add(AngularMoments m, scoped Span<double> moments, in Angle t, scoped ReadOnlySpan<double> x, scoped ReadOnlySpan<double> dx,
                        scoped ReadOnlySpan<double> y, scoped ReadOnlySpan<double> dy)
        {
            Vec3 dj = _direction[t.J] - _direction[t.I], dk = _direction[t.K] - _direction[t.I];
            double da = Vec3.Dot(t.Uj, dj), db = Vec3.Dot(t.Uk, dk), dc = Vec3.Dot(t.CosJ, dj) + Vec3.Dot(t.CosK, dk);
            m.AddOuter(moments, t.Cos, da, dx, y);
            m.AddOuter(moments, t.Cos, db, x, dy);
            m.AddOuterSlope(moments, t.Cos, dc, x, y);
        }
    }

    /// <summary>One angle j-i-k: arm lengths a = |r_ij| and b = |r_ik|, cos(theta), and the partial derivatives of a
    /// (unit vector Uj, with respect to atom j), b (Uk, atom k) and cos(theta) (CosJ, CosK); those of atom i are minus
    /// the sums.</summary>
    private readonly record struct Angle(int I, int J, int K, double A, double B, double Cos, Vec3 Uj, Vec3 Uk, Vec3 CosJ, Vec3 CosK);

    /// <summary>Every angle j-i-k (j &lt; k, both different from i), all of them or only those whose three atoms share
    /// one unit, and with <c>required</c> only those whose atoms reach exactly those units, skipping angles with an arm
    /// beyond <c>armLimit</c>; allocation-free with the caller's scratch (<see cref="ScratchLength"/> doubles). Each atom's
    /// usable arms (within the limit, units allowed) are listed once with their lengths and directions, so an angle costs
    /// no square root and no arm is tried against every k.</summary>
    private ref struct Angles
    {
        /// <summary>Scratch doubles for n atoms: per ordered pair the arm's direction and length, and its neighbour index.</summary>
        public static int ScratchLength(int n) => 5 * n * n + n;

        private readonly ReadOnlySpan<int> _unit;
        private readonly Span<double> _arm;   // [i * n + t] * 4: unit vector and length of i's t-th arm
        private readonly Span<double> _near;  // [i * n + t]: atom at the end of i's t-th arm (ascending); [n * n + i]: count
        private readonly int _n, _required;
        private int _i, _a, _b = -1;         // the angle of arms a < b of atom i

        public Angles(ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom, bool acrossUnits, double armLimit, int required,
                      Span<double> scratch)
        {
            int n = unitOfAtom.Length;
            _n = n; _unit = unitOfAtom; _required = required;
            _arm = scratch[..(4 * n * n)];
            _near = scratch.Slice(4 * n * n, n * n + n);
            int full = BitOperations.PopCount((uint)required);
            for (int i = 0; i < n; i++)
            {
                int count = 0, ui = unitOfAtom[i];
                for (int j = 0; j < n; j++)
                {
                    if (j == i) continue;
                    int uj = unitOfAtom[j];
                    if (!acrossUnits && uj != ui) continue;
                    int arm = (1 << ui) | (1 << uj);
                    // With required units, the third atom must bring every unit the arm lacks: at most one.
                    if (required != 0 && ((arm & ~required) != 0 || full - BitOperations.PopCount((uint)arm) > 1)) continue;
                    var u = positions[j] - positions[i];
                    double a = u.Length;
                    if (a > armLimit) continue;
                    int slot = i * n + count++;
                    var uh = u * (1 / a);
                    _arm[4 * slot] = uh.X; _arm[4 * slot + 1] = uh.Y; _arm[4 * slot + 2] = uh.Z; _arm[4 * slot + 3] = a;
                    _near[slot] = j;
                }
                _near[n * n + i] = count;
            }
        }

        public Angle Current { get; private set; }
        public readonly Angles GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_i < _n)
            {
                int count = (int)_near[_n * _n + _i];
                if (++_b >= count)
                {
                    if (++_a >= count - 1) { _i++; _a = 0; _b = 0; continue; }
                    _b = _a + 1;
                }
                if (_b <= _a) continue;
                int sa = _i * _n + _a, sb = _i * _n + _b;
                int j = (int)_near[sa], k = (int)_near[sb];
                if (_required != 0 && ((1 << _unit[_i]) | (1 << _unit[j]) | (1 << _unit[k])) != _required) continue;
                Vec3 uh = new(_arm[4 * sa], _arm[4 * sa + 1], _arm[4 * sa + 2]), vh = new(_arm[4 * sb], _arm[4 * sb + 1], _arm[4 * sb + 2]);
                double a = _arm[4 * sa + 3], b = _arm[4 * sb + 3];
                double c = Vec3.Dot(uh, vh);
                Current = new Angle(_i, j, k, a, b, c, uh, vh, (vh - c * uh) * (1 / a), (uh - c * vh) * (1 / b));
                return true;
            }
            return false;
        }
    }

    /// <summary>The arm Gaussians of an angle and their slopes into the four padded rows of <paramref name="arms"/>:
    /// g(a), g'(a), g(b), g'(b) (<see cref="Arm"/>); the padding stays zero.</summary>
    private void ArmGaussians(double a, double b, Span<double> arms)
    {
        int stride = _moments!.Stride, m = _armCount;
        var grid = _angular!.Arms;
        grid.Gaussians(a, arms[..m], arms.Slice(stride, m));
        grid.Gaussians(b, arms.Slice(2 * stride, m), arms.Slice(3 * stride, m));
    }

    private ReadOnlySpan<double> Arm(ReadOnlySpan<double> arms, int row) => arms.Slice(row * _moments!.Stride, _moments.Stride);

    // Angles keep element blocks (centre element, unordered neighbour elements) also with unit species: the pair
    // blocks already say which unit is which, and angle blocks per unit kind would multiply the length by the kinds cubed.
    private int AngleBlock(int centre, int zj, int zk) =>
        _species.ElementSlot(centre) * Triangle(_elements.Length) + TriangleIndex(_species.ElementSlot(zj), _species.ElementSlot(zk), _elements.Length);

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
