using System.Text.RegularExpressions;
using Tessera.Core;

namespace Tessera.IO;

/// <summary>The units of an n2p2 potential folder or input.data file. n2p2 itself is unit-agnostic: numbers are in
/// whatever units the training data used. <see cref="Length"/> is the length unit in Angstrom, <see cref="Energy"/>
/// the energy unit in eV; the names are the canonical ones (Bohr or Angstrom, Hartree or eV).
/// <see cref="BohrHartree"/> is the RuNNer/n2p2 convention and the default where nothing says otherwise.</summary>
public readonly partial record struct N2p2Units(double Length, double Energy, string LengthName, string EnergyName)
{
    public static readonly N2p2Units BohrHartree = new(Units.Bohr, Units.Hartree, "Bohr", "Hartree");
    public static readonly N2p2Units AngstromEv = new(1.0, 1.0, "Angstrom", "eV");

    /// <summary>The force unit in eV/Angstrom.</summary>
    public double Force => Energy / Length;

    public const string Names = "length bohr or angstrom, energy hartree (ha) or ev";
    public const string Help = "Units of n2p2 input.data numbers: LENGTH,ENERGY with LENGTH bohr or angstrom and ENERGY hartree (ha) or ev, e.g. angstrom,ev";

    public override string ToString() => $"{LengthName}/{EnergyName}";

    /// <summary>A length unit name (bohr, angstrom; any case) or null.</summary>
    public static (double Value, string Name)? LengthUnit(string word) => word.Trim().ToLowerInvariant() switch
    {
        "bohr" => (Units.Bohr, "Bohr"),
        "angstrom" or "ang" or "å" => (1.0, "Angstrom"),
        _ => null,
    };

    /// <summary>An energy unit name (hartree, ha, ev; any case) or null.</summary>
    public static (double Value, string Name)? EnergyUnit(string word) => word.Trim().ToLowerInvariant() switch
    {
        "hartree" or "ha" or "eh" => (Units.Hartree, "Hartree"),
        "ev" => (1.0, "eV"),
        _ => null,
    };

    /// <summary>"LENGTH,ENERGY" (either order, comma, slash or space between), e.g. "angstrom,ev" or "Bohr/Ha".</summary>
    /// <param name="where">Names the option or key in errors.</param>
    /// <exception cref="ArgumentException">Not one length and one energy unit Tessera knows.</exception>
    public static N2p2Units Parse(string text, string where = "--n2p2-units")
    {
        var words = text.Split([',', '/', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        (double, string)? length = null, energy = null;
        foreach (var w in words)
        {
            if (LengthUnit(w) is { } l) { if (length is not null) throw Bad($"two length units"); length = l; }
            else if (EnergyUnit(w) is { } e) { if (energy is not null) throw Bad($"two energy units"); energy = e; }
            else throw Bad($"unknown unit '{w}'");
        }
        if (length is null || energy is null) throw Bad(length is null ? "no length unit" : "no energy unit");
        return new(length.Value.Item1, energy.Value.Item1, length.Value.Item2, energy.Value.Item2);

        ArgumentException Bad(string what) =>
            new($"{where} '{text}': {what}; give LENGTH,ENERGY ({Names}), e.g. angstrom,ev or bohr,hartree.");
    }

    /// <summary>The named units of these factors (Bohr or Angstrom, Hartree or eV), or null.</summary>
    public static N2p2Units? FromFactors(double length, double energy)
    {
        string? l = Math.Abs(length - Units.Bohr) < 1e-15 ? "Bohr" : Math.Abs(length - 1) < 1e-15 ? "Angstrom" : null;
        string? e = Math.Abs(energy - Units.Hartree) < 1e-12 ? "Hartree" : Math.Abs(energy - 1) < 1e-15 ? "eV" : null;
        return l is null || e is null ? null : new(length, energy, l, e);
    }

    [GeneratedRegex(@"^\s*#+\s*(length|energy)\s+units?\s*:\s*(.*?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLine();

    /// <summary>The units an input.nn states in its header comments, <c># Length unit : X</c> and <c># Energy unit : Y</c>
    /// (the form of n2p2's own example potentials, any spacing or case), or null when it names neither.</summary>
    /// <exception cref="FileFormatException">A unit Tessera does not know, a unit named twice differently, or only one of the two named.</exception>
    public static N2p2Units? FromHeader(string inputNn)
    {
        (double Value, string Name, int Line)? length = null, energy = null;
        foreach (var (raw, number) in LineReader.Lines(inputNn))
        {
            var m = HeaderLine().Match(raw);
            if (!m.Success) continue;
            bool isLength = m.Groups[1].Value.Equals("length", StringComparison.OrdinalIgnoreCase);
            string value = m.Groups[2].Value;
            string word = value.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : "";
            var unit = isLength ? LengthUnit(word) : EnergyUnit(word);
            if (unit is null)
                throw new FileFormatException(inputNn, number,
                    $"{(isLength ? "length" : "energy")} unit '{value}' is not one Tessera knows ({(isLength ? "bohr or angstrom" : "hartree (ha) or ev")}); " +
                    "fix the header comment or give the units explicitly (model spec FOLDER;units=LENGTH,ENERGY).");
            var previous = isLength ? length : energy;
            if (previous is { } p && p.Name != unit.Value.Name)
                throw new FileFormatException(inputNn, number, $"{(isLength ? "length" : "energy")} unit {unit.Value.Name} here, but {p.Name} at line {p.Line}; keep one.");
            if (isLength) length ??= (unit.Value.Value, unit.Value.Name, number);
            else energy ??= (unit.Value.Value, unit.Value.Name, number);
        }
        if (length is null && energy is null) return null;
        if (length is null || energy is null)
        {
            var (named, missing, line) = length is { } l ? ("length", "Energy", l.Line) : ("energy", "Length", energy!.Value.Line);
            throw new FileFormatException(inputNn, line,
                $"the header names the {named} unit but not the {missing.ToLowerInvariant()} unit; add '# {missing} unit : ...' or give the units explicitly (model spec FOLDER;units=LENGTH,ENERGY).");
        }
        return new(length.Value.Value, energy.Value.Value, length.Value.Name, energy.Value.Name);
    }

    /// <summary>The header comment lines <see cref="FromHeader"/> reads back.</summary>
    public string HeaderComment() => $"# Length unit     : {LengthName}\n# Energy unit     : {EnergyName}\n";
}
