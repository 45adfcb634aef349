using System.Globalization;
using System.Text;
using Tessera.Core;
using Tessera.Descriptors;
using Tessera.Networks;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.IO;

/// <summary>Reads and writes n2p2 potentials: a folder with input.nn (settings and symmetry functions),
/// scaling.data (symmetry-function statistics, in n2p2's sorted order) and weights.ZZZ.data (one network
/// per element, ZZZ its atomic number). Lengths are Bohr and energies Hartree, with n2p2's optional
/// normalisation (mean_energy, conv_energy, conv_length) and free-atom offsets (atom_energy).</summary>
public static class N2p2Potential
{
    public static BpnnModel Read(string directory)
    {
        var inputPath = Path.Combine(directory, "input.nn");
        var settings = N2p2Settings.Read(inputPath);
        var elements = settings.One("elements").Words.Select(w => Element.FromSymbol(w).Number).OrderBy(z => z).ToArray();
        var (cutoffWords, cutoffLine) = settings.One("cutoff_type");
        var cutoffType = (CutoffType)Parse(cutoffWords[0], inputPath, cutoffLine);
        double alpha = cutoffWords.Length > 1 ? D(cutoffWords[1], inputPath, cutoffLine) : 0.0;
        var mode = ReadScalingMode(settings);
        double smin = settings.Number("scale_min_short", 0.0), smax = settings.Number("scale_max_short", 1.0);
        if (settings.Has("normalize_nodes")) throw new FileFormatException(inputPath, settings.One("normalize_nodes").Line, "normalize_nodes is not supported.");
        var functions = ReadFunctions(settings, cutoffType, alpha, elements);
        var stats = ReadScalingData(Path.Combine(directory, "scaling.data"), elements.Select(z => functions[z].Length).ToArray());
        var offsets = settings.All("atom_energy").ToDictionary(
            a => Element.FromSymbol(a.Words[0]).Number, a => D(a.Words[1], inputPath, a.Line));
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
        return BpnnModel.Create(list, norm, mode, smin, smax, cutoffType, alpha, Units.Bohr, Units.Hartree);
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
        return byElement.ToDictionary(p => p.Key, p => BpnnModel.SortN2p2(p.Value));
    }

    private static List<ScalingStatistics[]> ReadScalingData(string path, int[] counts)
    {
        var rows = new List<(ScalingStatistics S, int Line)>();
        int number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var w = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (w.Length < 5) continue; // older files end with an energy statistics line
            rows.Add((new ScalingStatistics(D(w[2], path, number), D(w[3], path, number), D(w[4], path, number),
                                            w.Length > 5 ? D(w[5], path, number) : 0.0), number));
        }
        if (rows.Count < counts.Sum()) throw new FileFormatException(path, number, $"{counts.Sum()} scaling lines needed, found {rows.Count}.");
        var result = new List<ScalingStatistics[]>();
        int k = 0;
        foreach (int c in counts) { result.Add(rows.Skip(k).Take(c).Select(r => r.S).ToArray()); k += c; }
        return result;
    }

    private static DenseNetwork ReadNetwork(N2p2Settings s, string directory, int z, int inputs)
    {
        var (hiddenWords, _) = s.One("global_hidden_layers_short");
        int hidden = Parse(hiddenWords[0], s.File, 0);
        var nodes = s.One("global_nodes_short").Words.Take(hidden).Select(w => Parse(w, s.File, 0)).ToList();
        var acts = s.One("global_activation_short").Words.Take(hidden + 1).Select(Activations.FromCode).ToList();
        if (nodes.Count != hidden || acts.Count != hidden + 1)
            throw new FileFormatException(s.File, 0, $"{hidden} hidden layers need {hidden} node counts and {hidden + 1} activations.");
        var sizes = new List<int> { inputs };
        sizes.AddRange(nodes);
        sizes.Add(1);
        var path = Path.Combine(directory, $"weights.{z:D3}.data");
        var values = new List<double>();
        int number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            values.Add(D(line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0], path, number));
        }
        var net = new DenseNetwork(sizes, acts);
        if (values.Count != net.ParameterCount)
            throw new FileFormatException(path, number, $"network {string.Join("-", sizes)} needs {net.ParameterCount} weights, found {values.Count}.");
        values.CopyTo(net.Parameters);
        return net;
    }

    /// <summary>Writes input.nn, scaling.data and weights.ZZZ.data so that n2p2 (and <see cref="Read"/>) load
    /// the same model. The model must use Bohr and Hartree and one hidden-layer layout for all elements.
    /// Each file is written to a temporary name first and moved into place.</summary>
    public static void Write(BpnnModel model, string directory)
    {
        if (Math.Abs(model.LengthUnit - Units.Bohr) > 1e-15 || Math.Abs(model.EnergyUnit - Units.Hartree) > 1e-12)
            throw new ArgumentException("n2p2 files are in Bohr and Hartree; this model uses other units.");
        var first = model.Elements[0].Network;
        foreach (var e in model.Elements)
            if (!e.Network.LayerSizes.Skip(1).SequenceEqual(first.LayerSizes.Skip(1)) || !e.Network.LayerActivations.SequenceEqual(first.LayerActivations))
                throw new ArgumentException("n2p2 needs the same hidden layers and activations for every element.");
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "input.nn"), InputNn(model));
        AtomicFile.WriteAllText(Path.Combine(directory, "scaling.data"), ScalingData(model));
        foreach (var e in model.Elements)
            AtomicFile.WriteAllText(Path.Combine(directory, $"weights.{e.Number:D3}.data"), Weights(e.Network));
    }

    private static string G(double v) => v.ToString("E16", CultureInfo.InvariantCulture);

    private static string InputNn(BpnnModel m)
    {
        var sb = new StringBuilder("# n2p2 potential written by Tessera (lengths Bohr, energies Hartree).\n");
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

    private static int Parse(string s, string file, int line) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw new FileFormatException(file, line, $"'{s}' is not an integer.");

    private static double D(string s, string file, int line) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new FileFormatException(file, line, $"'{s}' is not a number.");
}
