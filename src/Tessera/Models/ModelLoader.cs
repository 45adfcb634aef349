using Tessera.Core;
using Tessera.Engines;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Models;

/// <summary>Turns a model spec into a potential: an engine spec, a Behler-Parrinello model folder (n2p2 files) or a
/// fragment model file. The one place where model kinds are told apart, so a new kind is one more case here and
/// every command that takes a model gets it at once.</summary>
public static class ModelLoader
{
    public const string Help = "Model: an engine spec such as 'xtb:gfn2', 'xtb-native:gfn2' (in-process), 'xtb:gfn1;acc=0.1' or 'psi4:mp2/cc-pvdz', a Behler-Parrinello model folder (n2p2 files; 'FOLDER;units=angstrom,ev' reads it in those units instead of its input.nn header's, default Bohr/Hartree) or a fragment model file (model.json)";

    /// <param name="option">Where the spec came from, named in errors (a command's --model, --low, --high).</param>
    /// <exception cref="ArgumentException">An empty or unknown spec, or a bad engine spec (the message names <paramref name="option"/>).</exception>
    public static IPotential Load(string spec, string option = "--model")
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new ArgumentException($"A model is required ({option}), e.g. 'xtb:gfn2'.");
        // A folder of n2p2 files (or of member_* folders, a Tessera ensemble) is a Behler-Parrinello model.
        if (Directory.Exists(spec)) return BpnnEnsemble.Load(spec);
        if (BpnnFolderWithOptions(spec, option) is { } bpnn) return bpnn;
        if (spec.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return File.Exists(spec) ? FragmentModel(spec)
                : throw new FileNotFoundException($"{option} '{spec}': the fragment model file does not exist (train one with 'tessera train fragments').", spec);
        string kind = spec.Split(':', ';')[0].Trim().ToLowerInvariant();
        if (EngineFactory.Programs.Contains(kind)) return Engine(spec, option);
        if (spec.Contains('/') || spec.Contains(Path.DirectorySeparatorChar))
            throw new DirectoryNotFoundException($"{option} '{spec}': no such model folder (n2p2 files or member_* folders).");
        throw new ArgumentException($"{option}: unknown model '{spec}'. {Help}.");
    }

    /// <summary>'FOLDER;key=value...' where FOLDER is a model folder: its options, as an engine spec takes them
    /// after the level. The one key is units=LENGTH,ENERGY (see <see cref="N2p2Units.Parse"/>). Null when the part
    /// before the first ';' is no folder.</summary>
    private static BpnnEnsemble? BpnnFolderWithOptions(string spec, string option)
    {
        int semi = spec.IndexOf(';');
        if (semi <= 0 || !Directory.Exists(spec[..semi].Trim())) return null;
        string folder = spec[..semi].Trim();
        N2p2Units? units = null;
        foreach (var p in spec[(semi + 1)..].Split(';').Where(p => p.Trim().Length > 0))
        {
            int eq = p.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"{option} '{spec}': option '{p.Trim()}' is not 'key=value'.");
            string key = p[..eq].Trim().ToLowerInvariant(), value = p[(eq + 1)..].Trim();
            if (key != "units") throw new ArgumentException($"{option} '{spec}': unknown option '{key}' for a Behler-Parrinello model folder; known: units.");
            if (units is not null) throw new ArgumentException($"{option} '{spec}': units given twice.");
            units = N2p2Units.Parse(value, $"{option} '{spec}': units");
        }
        return BpnnEnsemble.Load(folder, units);
    }

    /// <summary><see cref="Load"/> for one trajectory (MD, optimisation, i-PI session): a fragment model comes wrapped in a
    /// <see cref="FragmentTrajectory"/> that keeps this run's unit-assignment history (reassignment policy, proton hops).</summary>
    public static IPotential LoadForTrajectory(string spec, string option = "--model") => FragmentTrajectory.For(Load(spec, option));

    private static IEngine Engine(string spec, string option)
    {
        try { return EngineFactory.Create(spec); }
        catch (Exception e) when (e is FormatException or ArgumentException and not ArgumentNullException)
        {
            throw new ArgumentException($"{option} '{spec}': {UserMessage.Of(e)}", e);
        }
    }

    /// <summary>A fragment model file with the low level it records (needed for delta models).</summary>
    private static IPotential FragmentModel(string path)
    {
        var model = FragmentModelFile.Read(path);
        if (model.Delta && model.LowLevel is null)
            throw new ArgumentException($"{path} predicts corrections but records no low level; retrain with --low.");
        return new FragmentNetworkPotential(model, model.Delta ? Load(model.LowLevel!) : null);
    }
}
