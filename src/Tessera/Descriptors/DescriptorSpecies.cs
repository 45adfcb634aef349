using Tessera.Core;

namespace Tessera.Descriptors;

/// <summary>The species that the fragment descriptor's pair blocks tell apart: an atom's element or, with unit species,
/// its element within its unit's kind (the unit's composition), so the O of H3O+ is not the O of H2O. Sums over
/// pairs of elements alone cannot tell which oxygen carries the excess proton: in (H2O)2.H3O+ the three O-O
/// distances form the same multiset whichever water sits in the middle, and a kernel fit of its 3-body increments
/// fell from 0.52 to 0.19 kcal/mol once the pairs knew their unit kinds (scripts/analysis/descriptor_kernel_fits.py
/// --increments on the 216 trimers of the 10% data set, data/w6/w6-dataset.extxyz.gz of commit 435f5f4).</summary>
internal sealed class DescriptorSpecies
{
    private readonly int[] _elements;   // sorted atomic numbers
    private readonly int[] _slot;       // atomic number -> index in _elements, -1 if absent
    private readonly int[][]? _kinds;   // element counts of each unit kind (null: species are elements)

    /// <param name="unitFormulas">Charge-free formulas of the unit kinds (e.g. "H2O", "H3O"), needed when
    /// <paramref name="byUnit"/>; kinds with the same composition are one kind.</param>
    public DescriptorSpecies(int[] elements, bool byUnit, IReadOnlyList<string>? unitFormulas)
    {
        _elements = elements;
        _slot = Enumerable.Repeat(-1, elements.Max() + 1).ToArray();
        for (int i = 0; i < elements.Length; i++) _slot[elements[i]] = i;
        if (byUnit)
        {
            if (unitFormulas is not { Count: > 0 })
                throw new ArgumentException("A fragment descriptor with unit species needs the formulas of the fragment type's units.");
            _kinds = unitFormulas.Select(Counts).DistinctBy(c => string.Join(",", c)).ToArray();
        }
        Count = (_kinds?.Length ?? 1) * elements.Length;
    }

    /// <summary>The species in order (unit kinds by element counts, or elements alone): equal keys, equal pair blocks.</summary>
    public string Key => _kinds is null ? "elements" : string.Join(";", _kinds.Select(k => string.Join(",", k)));

    /// <summary>Number of species.</summary>
    public int Count { get; }

    /// <summary>Index of element <paramref name="z"/> among the descriptor's elements.</summary>
    public int ElementSlot(int z) =>
        z < _slot.Length && _slot[z] >= 0 ? _slot[z]
            : throw new ArgumentException($"Element {Element.FromNumber(z).Symbol} is not covered by this descriptor ({string.Join(",", _elements.Select(e => Element.FromNumber(e).Symbol))}).");

    /// <summary>Writes every atom's species (kind * elements + element slot) into <paramref name="species"/>; unit
    /// indices must lie in [0, atoms). Allocation-free for fragments of up to 256 atoms.</summary>
    public void Assign(ReadOnlySpan<int> numbers, ReadOnlySpan<int> unitOfAtom, Span<int> species)
    {
        int n = numbers.Length, m = _elements.Length;
        if (_kinds is null)
        {
            for (int i = 0; i < n; i++) species[i] = ElementSlot(numbers[i]);
            return;
        }
        Span<int> kindOfUnit = n <= 256 ? stackalloc int[n] : new int[n];
        Span<int> counts = m <= 64 ? stackalloc int[m] : new int[m];
        kindOfUnit.Fill(-1);
        for (int i = 0; i < n; i++)
        {
            int u = unitOfAtom[i];
            if (u < 0 || u >= n) throw new ArgumentException($"Unit index {u} of atom {i} is outside 0..{n - 1}.");
            if (kindOfUnit[u] < 0)
            {
                counts.Clear();
                for (int j = 0; j < n; j++) if (unitOfAtom[j] == u) counts[ElementSlot(numbers[j])]++;
                kindOfUnit[u] = Kind(counts);
            }
            species[i] = kindOfUnit[u] * m + ElementSlot(numbers[i]);
        }
    }

    private int Kind(ReadOnlySpan<int> counts)
    {
        for (int k = 0; k < _kinds!.Length; k++)
            if (counts.SequenceEqual(_kinds[k])) return k;
        throw new ArgumentException($"A unit {Formula(counts)} is none of this descriptor's unit kinds " +
                                    $"({string.Join(", ", _kinds.Select(k => Formula(k)))}).");
    }

    /// <summary>Hill formula of a unit from its element counts (for messages).</summary>
    private string Formula(ReadOnlySpan<int> counts)
    {
        var atoms = new List<int>();
        for (int e = 0; e < counts.Length; e++) atoms.AddRange(Enumerable.Repeat(_elements[e], counts[e]));
        return Element.HillFormula(atoms);
    }

    private int[] Counts(string formula)
    {
        var counts = new int[_elements.Length];
        foreach (int z in Element.ParseFormula(formula)) counts[ElementSlot(z)]++;
        return counts;
    }
}
