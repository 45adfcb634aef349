using Tessera.Engines;
using Tessera.Potentials;

namespace Tessera.Cli;

/// <summary>Turns a --model argument into a potential. The one place where model kinds are told apart, so a new
/// kind (a Behler-Parrinello or fragment model file) is added here as one more case.</summary>
public static class ModelResolver
{
    public const string Help = "Model: an engine spec such as 'xtb:gfn2', 'xtb-native:gfn2' (in-process), 'xtb:gfn1;acc=0.1' or 'psi4:mp2/cc-pvdz', a Behler-Parrinello model folder (n2p2 files) or a fragment model file (model.json)";

    /// <param name="option">The option the spec came from, named in errors (--model, --low, --high).</param>
    public static IPotential Create(string spec, string option = "--model")
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new ArgumentException($"A model is required ({option}), e.g. 'xtb:gfn2'.");
        // A folder of n2p2 files (or of member_* folders, a Tessera ensemble) is a Behler-Parrinello model.
        if (Directory.Exists(spec)) return Tessera.Potentials.BehlerParrinello.BpnnEnsemble.Load(spec);
        if (spec.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return File.Exists(spec) ? FragmentModel(spec)
                : throw new FileNotFoundException($"{option} '{spec}': the fragment model file does not exist (train one with 'tessera train fragments').", spec);
        string kind = spec.Split(':', ';')[0].Trim().ToLowerInvariant();
        if (EngineFactory.Programs.Contains(kind)) return CliOptions.Parse(option, spec, s => EngineFactory.Create(s));
        if (spec.Contains('/') || spec.Contains(Path.DirectorySeparatorChar))
            throw new DirectoryNotFoundException($"{option} '{spec}': no such model folder (n2p2 files or member_* folders).");
        throw new ArgumentException($"{option}: unknown model '{spec}'. {Help}.");
    }

    /// <summary>A fragment model file with the low level it records (needed for delta models).</summary>
    private static IPotential FragmentModel(string path)
    {
        var model = FragmentNetworks.FragmentModelFile.Read(path);
        if (model.Delta && model.LowLevel is null)
            throw new ArgumentException($"{path} predicts corrections but records no low level; retrain with --low.");
        return new FragmentNetworks.FragmentNetworkPotential(model, model.Delta ? Create(model.LowLevel!) : null);
    }
}
