using Tessera.Descriptors;
using Tessera.Networks;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>n2p2's data-set normalisation, in model units: E_norm = (E - N mean) conv_energy and
/// lengths r_norm = r conv_length. Symmetry-function parameters stay in physical model units here (their
/// values are invariant), so only energies and their derivatives are converted.</summary>
public sealed record Normalisation(double MeanEnergy, double ConvEnergy, double ConvLength)
{
    public static readonly Normalisation None = new(0.0, 1.0, 1.0);
    public bool IsIdentity => MeanEnergy == 0 && ConvEnergy == 1 && ConvLength == 1;
}

/// <summary>The part of a Behler-Parrinello model for one element: its symmetry functions in network input
/// order (n2p2's sorted order), their scalings, its network (outputs the normalised atomic energy) and the
/// free-atom energy offset (model energy unit).</summary>
public sealed record ElementModel(int Number, IReadOnlyList<SymmetryFunction> Functions,
                                  IReadOnlyList<SymmetryFunctionScaling> Scalings, DenseNetwork Network, double EnergyOffset)
{
    public string Symbol => Core.Element.FromNumber(Number).Symbol;
}

/// <summary>A complete, immutable Behler-Parrinello model (as n2p2 defines it) in its own units: lengths in
/// <see cref="LengthUnit"/> Angstrom, energies in <see cref="EnergyUnit"/> eV (Bohr and Hartree for n2p2
/// files). Built by <see cref="Create"/>, which checks that every piece fits.</summary>
public sealed class BpnnModel
{
    public IReadOnlyList<ElementModel> Elements { get; }
    public Normalisation Normalisation { get; }
    public ScalingMode ScalingMode { get; }
    public double ScaleMin { get; }
    public double ScaleMax { get; }
    public CutoffType CutoffType { get; }
    public double CutoffAlpha { get; }
    /// <summary>Angstrom per model length unit.</summary>
    public double LengthUnit { get; }
    /// <summary>eV per model energy unit.</summary>
    public double EnergyUnit { get; }
    /// <summary>Largest symmetry-function cutoff (model length unit).</summary>
    public double MaxCutoff { get; }
    private readonly int[] _indexByNumber = Enumerable.Repeat(-1, Core.Element.MaxNumber + 1).ToArray();

    private BpnnModel(IReadOnlyList<ElementModel> elements, Normalisation norm, ScalingMode mode, double smin, double smax,
                      CutoffType cutoffType, double alpha, double lengthUnit, double energyUnit)
    {
        Elements = elements; Normalisation = norm; ScalingMode = mode; ScaleMin = smin; ScaleMax = smax;
        CutoffType = cutoffType; CutoffAlpha = alpha; LengthUnit = lengthUnit; EnergyUnit = energyUnit;
        for (int i = 0; i < elements.Count; i++) _indexByNumber[elements[i].Number] = i;
        MaxCutoff = elements.SelectMany(e => e.Functions).Select(f => f.Cutoff).DefaultIfEmpty(0).Max();
    }

    public static BpnnModel Create(IEnumerable<ElementModel> elements, Normalisation normalisation, ScalingMode mode,
                                   double scaleMin, double scaleMax, CutoffType cutoffType, double cutoffAlpha,
                                   double lengthUnit, double energyUnit)
    {
        var list = elements.OrderBy(e => e.Number).ToArray();
        if (list.Length == 0) throw new ArgumentException("A model needs at least one element.");
        if (list.Select(e => e.Number).Distinct().Count() != list.Length) throw new ArgumentException("Elements repeat.");
        foreach (var e in list)
        {
            if (e.Functions.Count == 0) throw new ArgumentException($"Element {e.Symbol} has no symmetry functions.");
            if (e.Functions.Any(f => f.CentralElement != e.Number))
                throw new ArgumentException($"Element {e.Symbol} holds a symmetry function of another element.");
            if (e.Scalings.Count != e.Functions.Count)
                throw new ArgumentException($"Element {e.Symbol}: {e.Functions.Count} functions but {e.Scalings.Count} scalings.");
            if (e.Network.InputCount != e.Functions.Count || e.Network.OutputCount != 1)
                throw new ArgumentException($"Element {e.Symbol}: network {e.Network.InputCount}->{e.Network.OutputCount} does not fit {e.Functions.Count} functions -> 1 energy.");
        }
        if (!(normalisation.ConvEnergy > 0) || !(normalisation.ConvLength > 0))
            throw new ArgumentException("Normalisation factors must be positive.");
        if (!(lengthUnit > 0) || !(energyUnit > 0)) throw new ArgumentException("Units must be positive.");
        return new BpnnModel(list, normalisation, mode, scaleMin, scaleMax, cutoffType, cutoffAlpha, lengthUnit, energyUnit);
    }

    /// <summary>The element part for atomic number z, or null when the model does not know it.</summary>
    public ElementModel? ForElement(int z) => ElementIndex(z) is int i and >= 0 ? Elements[i] : null;

    /// <summary>Position of element z in <see cref="Elements"/>, or -1.</summary>
    public int ElementIndex(int z) => z >= 0 && z < _indexByNumber.Length ? _indexByNumber[z] : -1;

    /// <summary>Sorts functions into n2p2's order (the network input order).</summary>
    public static SymmetryFunction[] SortN2p2(IEnumerable<SymmetryFunction> functions)
    {
        var list = functions.ToList();
        // Stable: equal keys keep input order, as n2p2's std::sort on distinct functions does not matter.
        return [.. list.Select((f, i) => (f, i)).OrderBy(p => p, Comparer<(SymmetryFunction f, int i)>.Create((a, b) =>
        {
            int c = SymmetryFunction.Compare(a.f, b.f);
            return c != 0 ? c : a.i.CompareTo(b.i);
        })).Select(p => p.f)];
    }

    /// <summary>Same model with other networks (training replaces weights, keeping everything else).</summary>
    public BpnnModel WithElements(IEnumerable<ElementModel> elements, Normalisation? normalisation = null) =>
        Create(elements, normalisation ?? Normalisation, ScalingMode, ScaleMin, ScaleMax, CutoffType, CutoffAlpha, LengthUnit, EnergyUnit);

    /// <summary>Same functions and networks with new scalings and normalisation (training sets these from data).</summary>
    public BpnnModel WithScaling(IEnumerable<ElementModel> elements, ScalingMode mode, double scaleMin, double scaleMax, Normalisation normalisation) =>
        Create(elements, normalisation, mode, scaleMin, scaleMax, CutoffType, CutoffAlpha, LengthUnit, EnergyUnit);
}
