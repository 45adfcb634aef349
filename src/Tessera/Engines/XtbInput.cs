using System.Globalization;
using System.Text;
using Tessera.Core;

namespace Tessera.Engines;

/// <summary>Writes xtb's input (an xyz file) and its command line. Pure: no processes, no disk.</summary>
public static class XtbInput
{
    public const string GeometryFile = "geometry.xyz";

    /// <summary>XYZ text in Angstrom with round-trip precision.</summary>
    public static string Xyz(Structure s)
    {
        var sb = new StringBuilder();
        sb.Append(s.Count.ToString(CultureInfo.InvariantCulture)).Append('\n').Append("tessera\n");
        for (int i = 0; i < s.Count; i++)
        {
            var r = s.Positions[i];
            sb.Append(Element.FromNumber(s.Numbers[i]).Symbol)
              .Append(' ').Append(r.X.ToString("R", CultureInfo.InvariantCulture))
              .Append(' ').Append(r.Y.ToString("R", CultureInfo.InvariantCulture))
              .Append(' ').Append(r.Z.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Command-line arguments for one single point.</summary>
    public static IReadOnlyList<string> Arguments(XtbSettings settings, Structure s, bool gradient)
    {
        var args = new List<string> { GeometryFile };
        if (settings.Method == "gfnff") args.Add("--gfnff");
        else { args.Add("--gfn"); args.Add(settings.Method[3..]); }
        args.AddRange(["--chrg", s.Charge.ToString(CultureInfo.InvariantCulture),
                       "--uhf", (s.Multiplicity - 1).ToString(CultureInfo.InvariantCulture)]);
        if (gradient) args.Add("--grad");
        if (settings.Accuracy is { } a) args.AddRange(["--acc", a.ToString("R", CultureInfo.InvariantCulture)]);
        if (settings.ElectronicTemperature is { } t) args.AddRange(["--etemp", t.ToString("R", CultureInfo.InvariantCulture)]);
        if (settings.MaxIterations is { } i) args.AddRange(["--iterations", i.ToString(CultureInfo.InvariantCulture)]);
        if (settings.Solvent is { } solv) args.AddRange(["--alpb", solv]);
        return args;
    }

    /// <summary>Environment for one run: one OpenMP/BLAS thread by default, a large OpenMP stack.</summary>
    public static IReadOnlyDictionary<string, string> Environment(XtbSettings settings)
    {
        var n = settings.Threads.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["OMP_NUM_THREADS"] = n,
            ["OMP_STACKSIZE"] = settings.OmpStackSize,
            ["OMP_MAX_ACTIVE_LEVELS"] = "1",
            ["MKL_NUM_THREADS"] = n,
            ["OPENBLAS_NUM_THREADS"] = n,
        };
    }
}
