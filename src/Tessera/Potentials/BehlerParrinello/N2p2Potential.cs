using System.Globalization;
using System.Text;
using Tessera.Core;
using Tessera.Descriptors;
using Tessera.IO;
using Tessera.Networks;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>Reads and writes n2p2 potentials: a folder with input.nn (settings and symmetry functions),
/// scaling.data (symmetry-function statistics, in n2p2's sorted order) and weights.ZZZ.data (one network
/// per element, ZZZ its atomic number), with n2p2's optional normalisation (mean_energy, conv_energy, conv_length)
/// and free-atom offsets (atom_energy). n2p2 files carry no units of their own: they are those of the training
/// data, taken from an explicit choice, else from input.nn's header comments (<c># Length unit : Angstrom</c>,
/// <c># Energy unit : eV</c>, as n2p2's example potentials state them), else Bohr and Hartree (the RuNNer/n2p2 convention).</summary>
public static class N2p2Potential
{
    /// <summary>Where a folder's units came from, for the line a command prints when it loads a model.</summary>
    public enum UnitsSource { Given, Header, Default }

    /// <summary>The units a folder is read in: <paramref name="given"/> when not null, else input.nn's header, else Bohr/Hartree.</summary>
    /// <exception cref="FileFormatException">The header names a unit Tessera does not know (not checked when units are given).</exception>
    public static (N2p2Units Units, UnitsSource Source) ReadUnits(string directory, N2p2Units? given = null)
    {
        if (given is { } g) return (g, UnitsSource.Given);
        return N2p2Units.FromHeader(Path.Combine(directory, "input.nn")) is { } h ? (h, UnitsSource.Header) : (N2p2Units.BohrHartree, UnitsSource.Default);
    }

    /// <summary>How <paramref name="source"/> reads in a summary line: "Angstrom/eV from the input.nn header".</summary>
    public static string Describe(N2p2Units units, UnitsSource source) => source switch
    {
        UnitsSource.Given => $"{units} as given",
        UnitsSource.Header => $"{units} from the input.nn header",
        _ => $"{units} (default: input.nn names no units)",
    };

    /// <summary>Reads the folder in <paramref name="units"/> when given, else in the units <see cref="ReadUnits"/> finds.</summary>
    public static BpnnModel Read(string directory, N2p2Units? units = null)
    {
        var inputPath = Path.Combine(directory, "input.nn");
        var (u, _) = ReadUnits(directory, units);
        var settings = N2p2Settings.Read(inputPath);
        var elements = ReadElements(settings);
        var (cutoffWords, cutoffLine) = settings.One("cutoff_type");
        int cutoffCode = N2p2Numbers.Integer(cutoffWords[0], inputPath, cutoffLine, "cutoff_type");
        if (!Enum.IsDefined((CutoffType)cutoffCode))
            throw new FileFormatException(inputPath, cutoffLine, $"cutoff_type {cutoffCode} is not an n2p2 cutoff type.");
        var cutoffType = (CutoffType)cutoffCode;
        double alpha = cutoffWords.Length > 1 ? N2p2Numbers.Real(cutoffWords[1], inputPath, cutoffLine, "cutoff_type alpha") : 0.0;
        var mode = ReadScalingMode(settings);
        double smin = settings.Number("scale_min_short", 0.0), smax = settings.Number("scale_max_short", 1.0);
        if (settings.Has("normalize_nodes")) throw new FileFormatException(inputPath, settings.One("normalize_nodes", 0).Line, "normalize_nodes is not supported.");
        var functions = ReadFunctions(settings, cutoffType, alpha, elements);
        var stats = N2p2ScalingData.Read(Path.Combine(directory, "scaling.data"), elements, elements.Select(z => functions[z].Length).ToArray(), mode);
        var offsets = ReadOffsets(settings, elements);
        CheckWeightFiles(directory, elements);
        var list = new List<ElementModel>();
        for (int e = 0; e < elements.Length; e++)
        {
            int z = elements[e];
            var network = ReadNetwork(settings, directory, z, functions[z].Length);
            var scalings = stats[e].Select(s => new SymmetryFunctionScaling(mode, s, smin, smax)).ToArray();
            list.Add(new ElementModel(z, functions[z], scalings, network, offsets.GetValueOrDefault(z)));
        }
        var norm = settings.Has("mean_energy") && settings.Has("conv_energy") && settings.Has("conv_length")
            ? new Normalisation(settings.Number("mean_energy", 0), settings.Number("conv_energy", 1), settings.Number("conv_length", 1))
            : Normalisation.None;
        return BpnnModel.Create(list, norm, mode, smin, smax, cutoffType, alpha, u.Length, u.Energy);
    }

    /// <summary>The 'elements' line in n2p2's order (sorted by atomic number), checked against number_of_elements.</summary>
    private static int[] ReadElements(N2p2Settings s)
    {
        var (words, line) = s.One("elements");
        var numbers = new List<int>();
        foreach (var w in words)
        {
            int z = Element.TryFromSymbol(w, out var e) ? e.Number : throw new FileFormatException(s.File, line, $"elements: unknown element '{w}'.");
            if (numbers.Contains(z)) throw new FileFormatException(s.File, line, $"elements: {w} is listed twice.");
            numbers.Add(z);
        }
        if (s.Has("number_of_elements") && s.Integer("number_of_elements") != numbers.Count)
            throw new FileFormatException(s.File, s.One("number_of_elements").Line,
                $"number_of_elements is {s.Integer("number_of_elements")} but 'elements' (line {line}) lists {numbers.Count}.");
        return [.. numbers.Order()];
    }

    /// <summary>atom_energy lines: one per element at most, each for an element of the potential.</summary>
    private static Dictionary<int, double> ReadOffsets(N2p2Settings s, int[] elements)
    {
        var offsets = new Dictionary<int, double>();
        foreach (var (words, line) in s.All("atom_energy"))
        {
            if (words.Length < 2) throw new FileFormatException(s.File, line, "atom_energy needs an element and an energy.");
            if (!Element.TryFromSymbol(words[0], out var e) || !elements.Contains(e.Number))
                throw new FileFormatException(s.File, line, $"atom_energy for '{words[0]}', which is not in the 'elements' list.");
            if (!offsets.TryAdd(e.Number, N2p2Numbers.Real(words[1], s.File, line, "atom_energy")))
                throw new FileFormatException(s.File, line, $"a second atom_energy for {e.Symbol}; keep one.");
        }
        return offsets;
    }

    private static ScalingMode ReadScalingMode(N2p2Settings s)
    {
        bool scale = s.Has("scale_symmetry_functions"), center = s.Has("center_symmetry_functions");
        if (scale && center) return ScalingMode.ScaleCenter;
        if (scale) return ScalingMode.Scale;
        if (center) return ScalingMode.Center;
        return s.Has("scale_symmetry_functions_sigma") ? ScalingMode.Sigma : ScalingMode.None;
    }

    private static Dictionary<int, SymmetryFunction[]> ReadFunctions(N2p2Settings s, CutoffType type, double alpha, int[] elements)
    {
        var byElement = elements.ToDictionary(z => z, _ => new List<SymmetryFunction>());
        foreach (var (words, line) in s.All("symfunction_short"))
        {
            SymmetryFunction f;
            try { f = SymmetryFunctionParser.Parse(words, type, alpha); }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            { throw new FileFormatException(s.File, line, ex.Message); }
            if (!byElement.TryGetValue(f.CentralElement, out var list))
                throw new FileFormatException(s.File, line, $"element {words[0]} is not in the 'elements' list.");
            list.Add(f);
        }
        foreach (var (z, list) in byElement)
            if (list.Count == 0)
                throw new FileFormatException(s.File, $"no symfunction_short for {Element.FromNumber(z).Symbol}, which 'elements' lists.");
        return byElement.ToDictionary(p => p.Key, p => BpnnModel.SortN2p2(p.Value));
    }

    /// <summary>Every weights.ZZZ.data in the folder must belong to an element of input.nn: a stray one means
    /// files of two potentials were mixed.</summary>
    private static void CheckWeightFiles(string directory, int[] elements)
    {
        foreach (var path in Directory.EnumerateFiles(directory, "weights.*.data"))
        {
            string middle = Path.GetFileName(path)["weights.".Length..^".data".Length];
            if (!int.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out int z) || !elements.Contains(z))
                throw new FileFormatException(path, $"weights file for {(z is >= 1 and <= Element.MaxNumber ? Element.FromNumber(z).Symbol : $"'{middle}'")}, " +
                    $"which is not an element of input.nn ({string.Join(' ', elements.Select(e => Element.FromNumber(e).Symbol))}); remove it or use the matching input.nn.");
        }
    }

    private static DenseNetwork ReadNetwork(N2p2Settings s, string directory, int z, int inputs)
    {
        int hidden = s.Integer("global_hidden_layers_short");
        var (nodeWords, nodesLine) = s.One("global_nodes_short", 0);
        var (actWords, actsLine) = s.One("global_activation_short");
        if (hidden < 0) throw new FileFormatException(s.File, s.One("global_hidden_layers_short").Line, $"{hidden} hidden layers.");
        if (nodeWords.Length != hidden)
            throw new FileFormatException(s.File, nodesLine, $"global_nodes_short gives {nodeWords.Length} node counts for {hidden} hidden layers.");
        if (actWords.Length != hidden + 1)
            throw new FileFormatException(s.File, actsLine, $"global_activation_short gives {actWords.Length} activations for {hidden} hidden layers and the output ({hidden + 1}).");
        var nodes = nodeWords.Select(w => N2p2Numbers.Integer(w, s.File, nodesLine, "global_nodes_short") is > 0 and int n ? n
            : throw new FileFormatException(s.File, nodesLine, $"global_nodes_short: '{w}' is not a positive node count.")).ToList();
        var acts = new List<Activation>();
        foreach (var w in actWords)
        {
            try { acts.Add(Activations.FromCode(w)); }
            catch (FormatException e) { throw new FileFormatException(s.File, actsLine, e.Message); }
        }
        var sizes = new List<int> { inputs };
        sizes.AddRange(nodes);
        sizes.Add(1);
        var path = Path.Combine(directory, $"weights.{z:D3}.data");
        if (!File.Exists(path))
            throw new FileFormatException(path, $"missing: input.nn lists {Element.FromNumber(z).Symbol}, so its network is needed.");
        var net = new DenseNetwork(sizes, acts);
        var values = new List<double>();
        int number = 0;
        foreach (var (raw, n) in LineReader.Lines(path))
        {
            number = n;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (values.Count == net.ParameterCount)
                throw new FileFormatException(path, number, $"more weights than network {string.Join("-", sizes)} has ({net.ParameterCount}); is this the weights file of another potential?");
            values.Add(N2p2Numbers.Real(line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0], path, number, "weight"));
        }
        if (values.Count != net.ParameterCount)
            throw new FileFormatException(path, number, $"network {string.Join("-", sizes)} needs {net.ParameterCount} weights, found {values.Count}.");
        values.CopyTo(net.Parameters);
        return net;
    }

    /// <summary>Writes input.nn, scaling.data and weights.ZZZ.data so that n2p2 (and <see cref="Read"/>) load
    /// the same model. The files are in the model's own units (its weights, scaling statistics and cutoffs are
    /// numbers in them; converting would mean retraining), which input.nn's header names so that the folder reads
    /// back right; they must be Bohr or Angstrom and Hartree or eV. One hidden-layer layout for all elements.
    /// Each file is written to a temporary name first and moved into place.</summary>
    public static void Write(BpnnModel model, string directory)
    {
        var units = N2p2Units.FromFactors(model.LengthUnit, model.EnergyUnit)
            ?? throw new ArgumentException($"n2p2 files here are in Bohr or Angstrom and Hartree or eV; this model's units are {model.LengthUnit} A and {model.EnergyUnit} eV.");
        var first = model.Elements[0].Network;
        foreach (var e in model.Elements)
            if (!e.Network.LayerSizes.Skip(1).SequenceEqual(first.LayerSizes.Skip(1)) || !e.Network.LayerActivations.SequenceEqual(first.LayerActivations))
                throw new ArgumentException("n2p2 needs the same hidden layers and activations for every element.");
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "input.nn"), InputNn(model, units));
        AtomicFile.WriteAllText(Path.Combine(directory, "scaling.data"), ScalingData(model));
        foreach (var e in model.Elements)
            AtomicFile.WriteAllText(Path.Combine(directory, $"weights.{e.Number:D3}.data"), Weights(e.Network));
    }

    private static string G(double v) => v.ToString("E16", CultureInfo.InvariantCulture);

    private static string InputNn(BpnnModel m, N2p2Units units)
    {
        var sb = new StringBuilder("# n2p2 potential written by Tessera\n").Append(units.HeaderComment());
        var n = m.Normalisation;
        if (!n.IsIdentity)
            sb.Append($"mean_energy {G(n.MeanEnergy)}\nconv_energy {G(n.ConvEnergy)}\nconv_length {G(n.ConvLength)}\n");
        sb.Append($"number_of_elements {m.Elements.Count}\nelements {string.Join(' ', m.Elements.Select(e => e.Symbol))}\n");
        foreach (var e in m.Elements.Where(e => e.EnergyOffset != 0)) sb.Append($"atom_energy {e.Symbol} {G(e.EnergyOffset)}\n");
        sb.Append($"cutoff_type {(int)m.CutoffType} {G(m.CutoffAlpha)}\n");
        sb.Append(m.ScalingMode switch
        {
            ScalingMode.Scale => "scale_symmetry_functions\n",
            ScalingMode.Center => "center_symmetry_functions\n",
            ScalingMode.ScaleCenter => "scale_symmetry_functions\ncenter_symmetry_functions\n",
            ScalingMode.Sigma => "scale_symmetry_functions_sigma\n",
            _ => "",
        });
        sb.Append($"scale_min_short {G(m.ScaleMin)}\nscale_max_short {G(m.ScaleMax)}\n");
        var net = m.Elements[0].Network;
        var hidden = net.LayerSizes.Skip(1).Take(net.LayerSizes.Count - 2).ToArray();
        sb.Append($"global_hidden_layers_short {hidden.Length}\nglobal_nodes_short {string.Join(' ', hidden)}\n");
        sb.Append($"global_activation_short {string.Join(' ', net.LayerActivations.Select(Activations.Code))}\n");
        foreach (var e in m.Elements)
            foreach (var f in e.Functions) sb.Append($"symfunction_short {f.ToN2p2Line()}\n");
        return sb.ToString();
    }

    private static string ScalingData(BpnnModel m)
    {
        var sb = new StringBuilder("# Symmetry function scaling data: e_index sf_index sf_min sf_max sf_mean sf_sigma\n");
        for (int e = 0; e < m.Elements.Count; e++)
            for (int f = 0; f < m.Elements[e].Scalings.Count; f++)
            {
                var s = m.Elements[e].Scalings[f].Statistics;
                sb.Append(CultureInfo.InvariantCulture, $"{e + 1,10} {f + 1,10} {G(s.Min),24} {G(s.Max),24} {G(s.Mean),24} {G(s.Sigma),24}\n");
            }
        return sb.ToString();
    }

    private static string Weights(DenseNetwork net)
    {
        var sb = new StringBuilder("# Neural network connection values: connection t index l_s n_s l_e n_e\n");
        int count = 0;
        var p = net.Parameters;
        for (int l = 1; l < net.LayerSizes.Count; l++)
        {
            int nIn = net.LayerSizes[l - 1], nOut = net.LayerSizes[l];
            for (int j = 0; j < nIn; j++)
                for (int k = 0; k < nOut; k++)
                    sb.Append(CultureInfo.InvariantCulture, $"{G(p[count++]),24} a {count,9} {l - 1,5} {j + 1,5} {l,5} {k + 1,5}\n");
            for (int k = 0; k < nOut; k++)
                sb.Append(CultureInfo.InvariantCulture, $"{G(p[count++]),24} b {count,9} {l,5} {k + 1,5}\n");
        }
        return sb.ToString();
    }
}
