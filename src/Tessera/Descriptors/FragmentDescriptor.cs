using Tessera.Core;

namespace Tessera.Descriptors;

/// <summary>
/// Fixed-length fragment descriptor: for every pair of elements (a &lt;= b), Gaussian-smeared
/// distributions of the distances between an a and a b atom, separately for pairs inside one unit and
/// pairs in different units, plus the inter-unit sums of 1/r and 1/r^6:
///   G_k = sum_{pairs} exp(-(r - mu_k)^2 / (2 sigma^2)).
/// Sums over pairs make it invariant to translation, rotation, and to permutations of identical atoms
/// and of identical units; it is smooth (C-infinity) with analytic derivatives. We chose pair-distance
/// distributions over the original principal-axes frame because a frame flips discontinuously when
/// two moments of inertia cross, and over sorted invariants because sorting has kinks.
/// </summary>
public sealed class FragmentDescriptor
{
    private readonly int[] _elements;     // sorted atomic numbers the descriptor covers
    private readonly int[] _slot;         // atomic number -> index in _elements, -1 if absent
    private readonly FragmentDescriptorSettings _settings;
    private readonly int _perPair;

    public FragmentDescriptor(FragmentDescriptorSettings settings, IEnumerable<int> elements)
    {
        _settings = settings.Validate();
        _elements = elements.Distinct().Order().ToArray();
        if (_elements.Length == 0) throw new ArgumentException("A fragment descriptor needs at least one element.");
        _slot = Enumerable.Repeat(-1, _elements.Max() + 1).ToArray();
        for (int i = 0; i < _elements.Length; i++) _slot[_elements[i]] = i;
        _perPair = settings.Intra.Count + settings.Inter.Count + 2;
        int pairs = _elements.Length * (_elements.Length + 1) / 2;
        Length = pairs * _perPair;
    }

    public int Length { get; }
    public IReadOnlyList<int> Elements => _elements;
    public FragmentDescriptorSettings Settings => _settings;

    /// <summary>Writes the descriptor of the atoms into <paramref name="features"/> (length <see cref="Length"/>).</summary>
    public void Compute(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> unitOfAtom, Span<double> features)
    {
        Check(numbers, positions, unitOfAtom, features.Length);
        features.Clear();
        Span<double> value = stackalloc double[_perPair];
        Span<double> slope = stackalloc double[_perPair];
        for (int i = 0; i < numbers.Length; i++)
            for (int j = i + 1; j < numbers.Length; j++)
            {
                PairBasis(unitOfAtom[i] == unitOfAtom[j], (positions[j] - positions[i]).Length, value, slope);
                var block = features.Slice(PairOffset(numbers[i], numbers[j]), _perPair);
                for (int k = 0; k < _perPair; k++) block[k] += value[k];
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
        Span<double> value = stackalloc double[_perPair];
        Span<double> slope = stackalloc double[_perPair];
        for (int i = 0; i < numbers.Length; i++)
            for (int j = i + 1; j < numbers.Length; j++)
            {
                var d = positions[j] - positions[i];
                double r = d.Length;
                PairBasis(unitOfAtom[i] == unitOfAtom[j], r, value, slope);
                var w = featureWeights.Slice(PairOffset(numbers[i], numbers[j]), _perPair);
                double dSdr = 0;
                for (int k = 0; k < _perPair; k++) dSdr += w[k] * slope[k];
                var g = (dSdr / r) * d;  // d/dr_j; d/dr_i is its negative
                gradient[j] += g;
                gradient[i] -= g;
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
        Span<double> value = stackalloc double[_perPair];
        Span<double> slope = stackalloc double[_perPair];
        for (int i = 0; i < numbers.Length; i++)
            for (int j = i + 1; j < numbers.Length; j++)
            {
                var d = positions[j] - positions[i];
                double r = d.Length;
                double dr = Vec3.Dot(d, direction[j] - direction[i]) / r; // change of r along the direction
                PairBasis(unitOfAtom[i] == unitOfAtom[j], r, value, slope);
                var block = tangent.Slice(PairOffset(numbers[i], numbers[j]), _perPair);
                for (int k = 0; k < _perPair; k++) block[k] += dr * slope[k];
            }
    }

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

    private int PairOffset(int za, int zb)
    {
        int a = Slot(za), b = Slot(zb);
        if (a > b) (a, b) = (b, a);
        int m = _elements.Length;
        int pair = a * m - a * (a - 1) / 2 + (b - a); // index of (a, b) in the upper triangle, row by row
        return pair * _perPair;
    }

    private int Slot(int z) =>
        z < _slot.Length && _slot[z] >= 0 ? _slot[z]
            : throw new ArgumentException($"Element {Element.FromNumber(z).Symbol} is not covered by this descriptor ({string.Join(",", _elements.Select(e => Element.FromNumber(e).Symbol))}).");

    private void Check(ReadOnlySpan<int> numbers, ReadOnlySpan<Vec3> positions, ReadOnlySpan<int> units, int featureLength)
    {
        if (positions.Length != numbers.Length || units.Length != numbers.Length)
            throw new ArgumentException("Numbers, positions and unit indices must have one entry per atom.");
        if (featureLength != Length) throw new ArgumentException($"Feature span has length {featureLength}, descriptor {Length}.");
    }
}
