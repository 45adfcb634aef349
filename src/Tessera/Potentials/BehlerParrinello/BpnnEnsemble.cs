using Tessera.Core;
using Tessera.IO;
using Tessera.Networks;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>Mean prediction of several Behler-Parrinello models (an ensemble trained with different seeds),
/// with their spread as an uncertainty. A single model is an ensemble of one (zero spread).</summary>
public sealed class BpnnEnsemble : IEnsemblePotential
{
    public IReadOnlyList<BehlerParrinelloPotential> Members { get; }
    public string Name { get; }

    public bool GivesAtomEnergies => true;

    public BpnnEnsemble(IReadOnlyList<BehlerParrinelloPotential> members, string name = "bpnn")
    {
        if (members.Count == 0) throw new ArgumentException("An ensemble needs at least one model.");
        Members = members; Name = name;
    }

    /// <summary>The units the folder was read in and where they came from (null for an ensemble built in memory).</summary>
    public (N2p2Units Units, N2p2Potential.UnitsSource Source)? Units { get; private init; }

    /// <summary>"Angstrom/eV from the input.nn header": for the line a command prints when it loads the model.</summary>
    public string? UnitsNote => Units is { } u ? N2p2Potential.Describe(u.Units, u.Source) : null;

    /// <summary>A folder with input.nn (one n2p2 model) or with member_* sub-folders (an ensemble), read in
    /// <paramref name="units"/> when given, else in the units each input.nn's header names (Bohr/Hartree where it names
    /// none); the members of an ensemble must agree.</summary>
    public static BpnnEnsemble Load(string directory, N2p2Units? units = null)
    {
        if (File.Exists(Path.Combine(directory, "input.nn")))
        {
            var u = N2p2Potential.ReadUnits(directory, units);
            return new([new BehlerParrinelloPotential(N2p2Potential.Read(directory, u.Units), directory)], directory) { Units = u };
        }
        var members = Directory.Exists(directory)
            ? Directory.GetDirectories(directory, "member_*").Order(StringComparer.Ordinal).ToArray() : [];
        if (members.Length == 0) throw new FileNotFoundException($"{directory}: neither input.nn nor member_* folders found.");
        var found = members.Select(m => N2p2Potential.ReadUnits(m, units)).ToArray();
        for (int i = 1; i < members.Length; i++)
            if (found[i].Units != found[0].Units)
                throw new FileFormatException(Path.Combine(members[i], "input.nn"),
                    $"this member is in {N2p2Potential.Describe(found[i].Units, found[i].Source)}, but {Path.GetFileName(members[0])} in " +
                    $"{N2p2Potential.Describe(found[0].Units, found[0].Source)}; the members of an ensemble must share their units.");
        return new(members.Select(m => new BehlerParrinelloPotential(N2p2Potential.Read(m, found[0].Units), m)).ToArray(), directory) { Units = found[0] };
    }

    public int EnsembleSize => Members.Count;

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces) => Evaluate(structure, needs).Mean;

    public EnsembleResult ComputeWithSpread(Structure structure, Needs needs = Needs.Forces)
    {
        var (mean, eStd, fStd) = Evaluate(structure, needs);
        return new EnsembleResult(mean, eStd, fStd);
    }

    /// <summary>Mean result, ensemble spread (<see cref="EnsembleSpread"/>) of the energy (eV) and of each atom's force vector (eV/A).</summary>
    public (PotentialResult Mean, double EnergyStd, double[]? ForceStd) Evaluate(Structure s, Needs needs = Needs.Forces)
    {
        var results = Members.Select(m => m.Compute(s, needs)).ToArray();
        int k = results.Length, n = s.Count;
        double e = results.Average(r => r.Energy);
        double eStd = EnsembleSpread.Of(results.Select(r => r.Energy).ToArray());
        Vec3[]? f = null; double[]? fStd = null;
        if (results[0].Forces is not null)
        {
            f = new Vec3[n]; fStd = new double[n];
            var atom = new Vec3[k];
            for (int i = 0; i < n; i++)
            {
                var mean = Vec3.Zero;
                for (int m = 0; m < k; m++) { atom[m] = results[m].Forces![i]; mean += atom[m]; }
                f[i] = mean / k;
                fStd[i] = EnsembleSpread.Of(atom);
            }
        }
        Mat3? w = results[0].Virial is null ? null : (1.0 / k) * results.Select(r => r.Virial!.Value).Aggregate((a, b) => a + b);
        double[]? ae = results[0].AtomEnergies is null ? null
            : Enumerable.Range(0, n).Select(i => results.Average(r => r.AtomEnergies![i])).ToArray();
        return (new PotentialResult(e, f, w, ae), eStd, fStd);
    }
}
