using Tessera.Engines;
using Tessera.Potentials;

namespace Tessera.Cli;

/// <summary>Turns a --model argument into a potential. The one place where model kinds are told apart, so a new
/// kind (a Behler-Parrinello or fragment model file) is added here as one more case.</summary>
public static class ModelResolver
{
    public const string Help = "Model: an engine spec such as 'xtb:gfn2', 'xtb-native:gfn2' (in-process), 'xtb:gfn1;acc=0.1' or 'psi4:mp2/cc-pvdz', a Behler-Parrinello model folder (n2p2 files) or a fragment model file (model.json)";

    public static IPotential Create(string spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new ArgumentException("A model is required (--model), e.g. 'xtb:gfn2'.");
        // A folder of n2p2 files (or of member_* folders, a Tessera ensemble) is a Behler-Parrinello model.
        if (Directory.Exists(spec)) return Tessera.Potentials.BehlerParrinello.BpnnEnsemble.Load(spec);
        if (spec.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(spec)) return FragmentModel(spec);
        string kind = spec.Split(':', ';')[0].Trim().ToLowerInvariant();
        return kind switch
        {
            _ when EngineFactory.Programs.Contains(kind) => EngineFactory.Create(spec),
            _ => throw new ArgumentException($"Unknown model '{spec}'. {Help}."),
        };
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
