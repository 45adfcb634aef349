using Tessera.Core;
using Tessera.Descriptors;
using Tessera.Networks;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>Builds a fresh model from data (Bohr and Hartree, so that it is written as n2p2 files): a default
/// symmetry-function set, scaling statistics computed from the training structures, per-element energy
/// offsets by least squares, a normalisation that makes forces of order one, and randomly initialised networks.</summary>
public static class BpnnModelBuilder
{
    /// <summary>Radial type 2 (8 widths per neighbour element) and narrow angular type 3 (6 per element pair),
    /// after the scheme of n2p2's RPBE-D3 water potential, widths scaled to the cutoff (Angstrom).</summary>
    public static List<SymmetryFunction> DefaultFunctions(IReadOnlyList<int> elements, double cutoffAngstrom, CutoffType type = CutoffType.Poly2)
    {
        double rc = cutoffAngstrom / Units.Bohr, scale = Math.Pow(12.0 / rc, 2);
        var fc = new CutoffFunction(type, rc, 0.0);
        var list = new List<SymmetryFunction>();
        double[] etas = [0.001, 0.01, 0.03, 0.06, 0.15, 0.3, 0.6, 1.5];
        (double Eta, double Zeta)[] angular = [(0.01, 4), (0.03, 1), (0.07, 1)];
        foreach (int c in elements)
        {
            foreach (int n in elements)
                foreach (double eta in etas) list.Add(new ExponentialRadialFunction(2, c, n, eta * scale, 0.0, fc));
            for (int a = 0; a < elements.Count; a++)
                for (int b = a; b < elements.Count; b++)
                    foreach (var (eta, zeta) in angular)
                        foreach (double lambda in new[] { -1.0, 1.0 })
                            list.Add(new ExponentialAngularFunction(3, c, elements[a], elements[b], eta * scale, lambda, zeta, 0.0, fc));
        }
        return list;
    }

    /// <summary>Least-squares free-atom energies mu_Z (eV) with E_s ~ sum_Z n_sZ mu_Z.</summary>
    public static Dictionary<int, double> EnergyOffsets(IReadOnlyList<Structure> data, IReadOnlyList<int> elements)
    {
        int m = elements.Count;
        var a = new double[m, m]; var b = new double[m];
        foreach (var s in data)
        {
            var counts = elements.Select(z => (double)s.Numbers.Count(x => x == z)).ToArray();
            double e = s.Energy ?? throw new ArgumentException("Every training structure needs an energy.");
            for (int i = 0; i < m; i++) { b[i] += counts[i] * e; for (int j = 0; j < m; j++) a[i, j] += counts[i] * counts[j]; }
        }
        // Tiny ridge: compositions in a data set are often collinear (e.g. only water).
        double trace = Enumerable.Range(0, m).Sum(i => a[i, i]);
        for (int i = 0; i < m; i++) a[i, i] += 1e-10 * trace + 1e-12;
        var x = Solve(a, b);
        return elements.Select((z, i) => (z, x[i])).ToDictionary(p => p.z, p => p.Item2);
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        for (int k = 0; k < n; k++)
        {
            int p = k;
            for (int i = k + 1; i < n; i++) if (Math.Abs(a[i, k]) > Math.Abs(a[p, k])) p = i;
            for (int j = 0; j < n; j++) (a[k, j], a[p, j]) = (a[p, j], a[k, j]);
            (b[k], b[p]) = (b[p], b[k]);
            for (int i = k + 1; i < n; i++)
            {
                double f = a[i, k] / a[k, k];
                for (int j = k; j < n; j++) a[i, j] -= f * a[k, j];
                b[i] -= f * b[k];
            }
        }
        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int j = i + 1; j < n; j++) s -= a[i, j] * x[j];
            x[i] = s / a[i, i];
        }
        return x;
    }

    /// <summary>A model ready to train on <paramref name="training"/>.</summary>
    public static BpnnModel Create(IReadOnlyList<Structure> training, BpnnTrainingSettings settings)
    {
        var elements = training.SelectMany(s => s.Numbers).Distinct().Order().ToArray();
        var functions = DefaultFunctions(elements, settings.Cutoff);
        var offsets = EnergyOffsets(training, elements);
        var rng = new Random(settings.Seed);
        var parts = new List<ElementModel>();
        foreach (int z in elements)
        {
            var fs = BpnnModel.SortN2p2(functions.Where(f => f.CentralElement == z));
            var sizes = new List<int> { fs.Length };
            sizes.AddRange(settings.Hidden);
            sizes.Add(1);
            var acts = settings.Hidden.Select(_ => settings.Activation).Append(Activation.Identity).ToArray();
            var net = new DenseNetwork(sizes, acts);
            GlorotInitialisation.Apply(net, rng, outputLayerScale: 0.5);
            var unit = fs.Select(_ => new SymmetryFunctionScaling(ScalingMode.None, new ScalingStatistics(0, 1, 0, 1), 0, 1)).ToArray();
            parts.Add(new ElementModel(z, fs, unit, net, offsets[z] / Units.Hartree));
        }
        var draft = BpnnModel.Create(parts, Normalisation.None, ScalingMode.None, 0, 1, CutoffType.Poly2, 0.0, Units.Bohr, Units.Hartree);
        var stats = BpnnStatistics.Compute(draft, training, settings.MaxDegreeOfParallelism);
        var scaled = parts.Select((p, e) => p with
        {
            Scalings = stats[e].Select(s => new SymmetryFunctionScaling(ScalingMode.ScaleCenter, s, 0.0, 1.0)).ToArray(),
        });
        return draft.WithScaling(scaled, ScalingMode.ScaleCenter, 0.0, 1.0, ForceNormalisation(training));
    }

    /// <summary>conv_energy = 1 / RMS force component (Hartree/Bohr), or 1 / energy spread per atom without forces.</summary>
    private static Normalisation ForceNormalisation(IReadOnlyList<Structure> data)
    {
        double sum = 0; long count = 0;
        foreach (var s in data)
            if (s.Forces is { } f) foreach (var v in f) { sum += v.LengthSquared; count += 3; }
        double rms = count > 0 ? Math.Sqrt(sum / count) / Units.HartreePerBohr : 0;
        if (rms > 0) return new Normalisation(0.0, 1.0 / rms, 1.0);
        var perAtom = data.Select(s => s.Energy!.Value / s.Count / Units.Hartree).ToArray();
        double mean = perAtom.Average(), sd = Math.Sqrt(perAtom.Average(e => (e - mean) * (e - mean)));
        return new Normalisation(0.0, sd > 0 ? 1.0 / sd : 1.0, 1.0);
    }
}
