using System.CommandLine;
using Tessera.Core;
using Tessera.IO;
using Tessera.Models;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Cli;

/// <summary><c>tessera predict -m MODEL IN -o OUT.extxyz [--key NAME]</c>: the single-point command for every model
/// <see cref="ModelLoader"/> knows (an engine spec, a Behler-Parrinello folder: n2p2 files or a Tessera ensemble of
/// member_* folders, a fragment model file): energy and forces of every frame, the stress (eV/A^3, ASE's sign) of
/// fully periodic frames, and the ensemble spread of the energy (and of the forces where the members give them one
/// by one) when the model is an ensemble of several members. Names follow <see cref="ResultKeys"/>, as
/// <c>calc --key</c>. Frames are read, evaluated and written one at a time, so memory does not grow with the file;
/// the output still appears only when every frame was written.</summary>
public sealed class PredictCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Argument<string>("input") { Description = "Structure file (xyz, extxyz, n2p2; .gz allowed)" };
        var model = CliCommon.ModelOption();
        var output = new Option<string>("--output", "-o") { Description = "Output extxyz with energy (eV), forces (eV/A), stress of periodic frames (eV/A^3) and the ensemble spread (energy_std, forces_std)", Required = true };
        var key = new Option<string>("--key") { Description = "Store the energy as info KEY, forces as KEY_forces, stress as KEY_stress and the spread as KEY_std and KEY_forces_std (default: energy, forces, stress, energy_std, forces_std); other keys of the input are kept", DefaultValueFactory = _ => "energy" };
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var units = CliCommon.N2p2UnitsOption("the model's units for a Behler-Parrinello folder, else bohr,hartree");
        var cmd = new Command("predict", "Single-point energies and forces (stress, ensemble spread) of every frame with any model: engine spec, Behler-Parrinello folder or fragment model file");
        cmd.Arguments.Add(input);
        foreach (var o in new Option[] { model, output, key, charge, mult, units }) cmd.Options.Add(o);
        cmd.SetAction(pr => CliErrors.Guard(() => Run(pr.GetValue(model)!, pr.GetValue(input)!, pr.GetValue(output)!, pr.GetValue(charge), pr.GetValue(mult),
                                                      pr.GetValue(key)!, pr.GetValue(units))));
        return cmd;
    }

    /// <param name="n2p2Units">--n2p2-units: the units of an n2p2 input (and output) file; by default a Behler-Parrinello
    /// model's own units (n2p2 data and potential come in the same units), else Bohr/Hartree.</param>
    public static int Run(string modelSpec, string input, string output, int? charge = null, int? multiplicity = null, string key = "energy",
                          string? n2p2Units = null)
    {
        CliCommon.RequireOutput("--output", output);
        var keys = new ResultKeys(key);
        var given = CliCommon.N2p2UnitsOf(n2p2Units);
        var potential = ModelLoader.Load(modelSpec);
        try
        {
            var dataUnits = given ?? CliCommon.ModelUnits(potential) ?? N2p2Units.BohrHartree;
            var frames = StructureFile.Read(input, null, dataUnits).Select(s => CliCommon.Override(s, charge, multiplicity));
            int count = CliProgress.RunOpen("predict", "frames", progress => Stream(potential, frames, output, modelSpec, input, progress, keys, dataUnits));
            string data = CliCommon.IsN2p2(input) || CliCommon.IsN2p2(output) ? $"; n2p2 data in {dataUnits}" : "";
            Console.WriteLine($"{count} frames -> {output} ({Describe(potential)}{data})");
            return 0;
        }
        finally { (potential as IDisposable)?.Dispose(); }
    }

    /// <summary>What evaluated the frames, for the summary line: the potential, its ensemble size, a Behler-Parrinello model's extrapolation warnings.</summary>
    private static string Describe(IPotential p) => p switch
    {
        BpnnEnsemble b => $"{b.Members.Count} model(s), {b.Members.Sum(m => m.TotalExtrapolationWarnings)} extrapolation warnings" +
                          (b.UnitsNote is { } u ? $", units {u}" : ""),
        IEnsemblePotential e => $"{p.Name}, ensemble of {e.EnsembleSize}",
        _ => p.Name,
    };

    /// <summary>Evaluates and writes each frame of <paramref name="frames"/> before the next is read, keeping none;
    /// returns the number of frames. No frames, or a bad one anywhere, leaves nothing under <paramref name="output"/>.</summary>
    /// <param name="modelPath">The model as the user gave it, named in errors.</param>
    internal static int Stream(IPotential potential, IEnumerable<Structure> frames, string output, string modelPath,
                               string input, IProgress<int>? progress = null, ResultKeys? keys = null, N2p2Units? n2p2Units = null)
    {
        keys ??= new ResultKeys("energy");
        int count = 0;
        StructureFile.Write(output, Predicted(), null, n2p2Units);
        return count;

        IEnumerable<Structure> Predicted()
        {
            foreach (var s in frames)
            {
                Annotate(potential, s, keys, modelPath, $"frame {count} of {input}");
                count++; // counted whether or not anyone listens (a null-conditional call skips its argument)
                progress?.Report(count);
                yield return s;
            }
            // Thrown inside the atomic write, so the partial output is discarded.
            if (count == 0) throw new ArgumentException($"{input}: no frames to predict.");
        }
    }

    /// <summary>Adds energy and forces, the stress of a fully periodic frame and an ensemble's spread to one frame;
    /// earlier values under the same names are replaced, so none is left from another model.</summary>
    private static void Annotate(IPotential potential, Structure s, ResultKeys keys, string modelPath, string where)
    {
        bool stress = s.Cell is not null && s.Pbc.All(p => p);
        var needs = stress ? Needs.Forces | Needs.Virial : Needs.Forces;
        var (mean, eStd, fStd) = Compute(potential, s, needs, modelPath, where);
        mean.RequireFinite(modelPath, where);
        s.Info.Remove(keys.Stress); s.Info.Remove(keys.EnergySpread); s.Arrays.Remove(keys.ForcesSpread);
        s.Info[keys.Energy] = mean.Energy;
        s.Arrays[keys.Forces] = PerAtomArray.Vectors(mean.RequireForces());
        if (stress && mean.Stress(s) is { } sigma) s.Info[keys.Stress] = sigma.ToRowMajor();
        if (potential.HasSpread())
        {
            s.Info[keys.EnergySpread] = eStd;
            if (fStd is not null) s.Arrays[keys.ForcesSpread] = PerAtomArray.Real(fStd);
        }
    }

    /// <summary>The model's result for one frame (with the spread when it is an ensemble); a frame the model cannot
    /// take (an element or fragment type it has no network for, a unit it cannot form) is reported with the model and the frame.</summary>
    private static EnsembleResult Compute(IPotential potential, Structure s, Needs needs, string modelPath, string where)
    {
        try
        {
            return CliFragments.Where($"--model '{modelPath}' at {where}", () =>
                potential.ComputeWithAnySpread(s, needs));
        }
        catch (ArgumentException e) { throw new ArgumentException($"--model '{modelPath}' at {where}: {UserMessage.Of(e)}", e); }
    }
}
