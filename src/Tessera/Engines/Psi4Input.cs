using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tessera.Core;

namespace Tessera.Engines;

/// <summary>Writes psi4's input: a fixed driver script plus a JSON job (geometries, method, options) that the
/// driver reads, so no geometry or option text passes through psi4's input preprocessor. Pure.</summary>
public static class Psi4Input
{
    public const string DriverFile = "input.dat";
    public const string JobFile = "job.json";
    public const string OutputFile = "output.dat";
    public const string ResultFile = "results.jsonl";

    /// <summary>Runs each molecule in turn with a clean state and appends one JSON line per molecule as soon as
    /// it is done (a crash keeps the finished ones); per-molecule exceptions are recorded, not fatal.</summary>
    public const string Driver = """
        import json, time
        with open('job.json') as _f:
            _job = json.load(_f)
        psi4.set_memory(_job['memory'])
        psi4.set_num_threads(_job['threads'])
        for _i, _m in enumerate(_job['molecules']):
            _t0 = time.time()
            try:
                psi4.core.clean()
                psi4.core.clean_options()
                psi4.core.clean_variables()
                psi4.set_options(_job['options'])
                psi4.set_options(_m['options'])
                _mol = psi4.geometry(_m['geometry'], name='tessera%d' % _i)
                if _job['gradient']:
                    _g = psi4.gradient(_job['method'], molecule=_mol)
                    _rec = {'index': _i, 'ok': True, 'energy': psi4.variable('CURRENT ENERGY'),
                            'gradient': [[_g.get(_a, _c) for _c in range(3)] for _a in range(_g.rows())]}
                else:
                    _rec = {'index': _i, 'ok': True, 'energy': psi4.energy(_job['method'], molecule=_mol)}
            except Exception as _ex:
                _rec = {'index': _i, 'ok': False, 'kind': type(_ex).__name__, 'error': str(_ex)}
            _rec['seconds'] = time.time() - _t0
            with open('results.jsonl', 'a') as _f:
                _f.write(json.dumps(_rec) + '\n')
                _f.flush()
        """;

    /// <summary>psi4 molecule text: charge and multiplicity, atoms in Angstrom, no reorientation, no centring, C1.</summary>
    public static string Geometry(Structure s)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{s.Charge} {s.Multiplicity}\n");
        for (int i = 0; i < s.Count; i++)
        {
            var r = s.Positions[i];
            sb.Append(CultureInfo.InvariantCulture,
                $"{Element.FromNumber(s.Numbers[i]).Symbol} {r.X:R} {r.Y:R} {r.Z:R}\n");
        }
        sb.Append("units angstrom\nno_reorient\nno_com\nsymmetry c1\n");
        return sb.ToString();
    }

    /// <summary>The JSON job for a batch of structures.</summary>
    public static string Job(Psi4Settings settings, IReadOnlyList<Structure> structures, bool gradient)
    {
        var options = new JsonObject { ["basis"] = settings.Basis };
        foreach (var (k, v) in settings.Options) options[k] = Typed(v);
        var molecules = new JsonArray();
        foreach (var s in structures)
        {
            var own = new JsonObject();
            // Open shells need an unrestricted reference unless the user chose one.
            if (s.Multiplicity > 1 && !settings.Options.ContainsKey("reference")) own["reference"] = "uhf";
            // Added as a JsonNode: the generic Add<T> is marked as needing reflection (for values it must wrap); a node goes in as itself either way.
            molecules.Add((JsonNode)new JsonObject { ["geometry"] = Geometry(s), ["options"] = own });
        }
        var job = new JsonObject
        {
            ["method"] = settings.Method,
            ["gradient"] = gradient,
            ["memory"] = settings.Memory,
            ["threads"] = settings.Threads,
            ["options"] = options,
            ["molecules"] = molecules,
        };
        return job.ToJsonString();
    }

    /// <summary>psi4.set_options wants booleans and numbers typed.</summary>
    private static JsonNode Typed(string v)
    {
        if (v is "true" or "false") return JsonValue.Create(v == "true");
        if (long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(v);
    }

    public static IReadOnlyList<string> Arguments(Psi4Settings settings) =>
        [DriverFile, OutputFile, "-n", settings.Threads.ToString(CultureInfo.InvariantCulture)];

    public static IReadOnlyDictionary<string, string> Environment(Psi4Settings settings, string scratch)
    {
        var n = settings.Threads.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["PSI_SCRATCH"] = scratch,
            ["OMP_NUM_THREADS"] = n,
            ["MKL_NUM_THREADS"] = n,
            ["OPENBLAS_NUM_THREADS"] = n,
        };
    }
}
