namespace Tessera.Cli;

/// <summary>The names a result is stored under in an output frame (the one convention of <c>calc --key</c> and
/// <c>predict --key</c>): "energy" keeps ASE's plain names (energy, forces, stress, error); any other key labels one
/// level among several (KEY, KEY_forces, KEY_stress, KEY_error), so several can be collected in one file. The
/// ensemble spread is KEY_std and the forces key with _std (energy_std, forces_std; KEY_std, KEY_forces_std).</summary>
public sealed partial record ResultKeys
{
    public string Energy { get; }

    /// <exception cref="ArgumentException">Not a name of letters, digits and underscores starting with a letter.</exception>
    public ResultKeys(string key)
    {
        if (!ValidKey().IsMatch(key))
            throw new ArgumentException($"--key '{key}' must be a name of letters, digits and underscores starting with a letter (it becomes an info key and KEY_forces).");
        Energy = key;
    }

    /// <summary>"" for the plain names, else "KEY_", before the other per-level info keys (calculator, error, ...).</summary>
    public string Prefix => Energy == "energy" ? "" : Energy + "_";
    public string Forces => Prefix + "forces";
    public string Stress => Prefix + "stress";
    public string Error => Prefix + "error";
    public string EnergySpread => Energy + "_std";
    public string ForcesSpread => Forces + "_std";

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial System.Text.RegularExpressions.Regex ValidKey();
}
