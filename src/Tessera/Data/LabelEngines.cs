using Tessera.Engines;

namespace Tessera.Data;

/// <summary>Builds the cached engines of a labelling level from engine specs ("xtb:gfn2", "psi4:mp2/cc-pvdz").</summary>
public static class LabelEngines
{
    /// <summary>Default options of the single retry after a failed SCF: xtb gets more iterations and a higher
    /// electronic temperature (Fermi smearing: the energy changes slightly, and the label records it); psi4 gets
    /// more iterations, damping and second-order convergence (same converged energy).</summary>
    public static string SaferOptions(string spec) => spec.Split(':', ';')[0].Trim().ToLowerInvariant() switch
    {
        "xtb" or "xtb-native" => "iterations=1000;etemp=1000",
        "psi4" => "maxiter=300;damping_percentage=20;soscf=true",
        _ => "",
    };

    /// <summary>The level's engine and its safer variant, both behind <paramref name="cache"/>.
    /// <paramref name="saferOptions"/>: null for <see cref="SaferOptions"/>, "" for no retry.</summary>
    public static LabelLevel Create(string name, string spec, ResultCache cache, string? saferOptions = null)
    {
        var engine = new CachedPotential(EngineFactory.Create(spec), cache);
        var safer = saferOptions ?? SaferOptions(spec);
        return new LabelLevel(name, engine, safer.Length == 0 ? null : new CachedPotential(EngineFactory.Create(spec + ";" + safer), cache));
    }
}
