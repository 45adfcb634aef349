using System.CommandLine;
using Tessera.Core;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Cli;

/// <summary><c>tessera predict --model M IN -o OUT.extxyz</c>: energies and forces of every frame with a
/// Behler-Parrinello model (an n2p2 folder, or a Tessera ensemble of member_* folders; the ensemble's
/// spread is written as energy_std and forces_std). Frames are read, evaluated and written one at a time,
/// so memory does not grow with the file; the output still appears only when every frame was written.</summary>
public sealed class PredictCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Argument<string>("input") { Description = "Structure file (xyz, extxyz, n2p2)" };
        var model = new Option<string>("--model", "-m") { Description = "Model folder (n2p2 files, or member_* folders)", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Output extxyz with energy (eV) and forces (eV/A)", Required = true };
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var cmd = new Command("predict", "Energies and forces with a trained (or n2p2) Behler-Parrinello model");
        cmd.Arguments.Add(input);
        foreach (var o in new Option[] { model, output, charge, mult }) cmd.Options.Add(o);
        cmd.SetAction(pr => CliErrors.Guard(() => Run(pr.GetValue(model)!, pr.GetValue(input)!, pr.GetValue(output)!, pr.GetValue(charge), pr.GetValue(mult))));
        return cmd;
    }

    public static int Run(string modelPath, string input, string output, int? charge = null, int? multiplicity = null)
    {
        if (!Directory.Exists(modelPath)) throw new DirectoryNotFoundException($"--model '{modelPath}': no such model folder (n2p2 files or member_* folders).");
        CliCommon.RequireOutput("--output", output);
        var ensemble = BpnnEnsemble.Load(modelPath);
        var frames = StructureFile.Read(input).Select(s => CliCommon.Override(s, charge, multiplicity));
        int count = CliProgress.RunOpen("predict", "frames", progress => Stream(ensemble, frames, output, modelPath, input, progress));
        long warnings = ensemble.Members.Sum(m => m.TotalExtrapolationWarnings);
        Console.WriteLine($"{count} frames -> {output} ({ensemble.Members.Count} model(s), {warnings} extrapolation warnings)");
        return 0;
    }

    /// <summary>Evaluates and writes each frame of <paramref name="frames"/> before the next is read, keeping none;
    /// returns the number of frames. No frames, or a bad one anywhere, leaves nothing under <paramref name="output"/>.</summary>
    internal static int Stream(BpnnEnsemble ensemble, IEnumerable<Structure> frames, string output, string modelPath,
                               string input, IProgress<int>? progress = null)
    {
        int count = 0;
        StructureFile.Write(output, Predicted());
        return count;

        IEnumerable<Structure> Predicted()
        {
            foreach (var s in frames)
            {
                Annotate(ensemble, s, modelPath, $"frame {count} of {input}");
                progress?.Report(++count);
                yield return s;
            }
            // Thrown inside the atomic write, so the partial output is discarded.
            if (count == 0) throw new ArgumentException($"{input}: no frames to predict.");
        }
    }

    /// <summary>Adds energy and forces (and the ensemble's spread when it has several members) to one frame.</summary>
    private static void Annotate(BpnnEnsemble ensemble, Structure s, string modelPath, string where)
    {
        var (mean, eStd, fStd) = ensemble.Evaluate(s, Needs.Forces);
        mean.RequireFinite(modelPath, where);
        s.Info["energy"] = mean.Energy;
        s.Arrays["forces"] = PerAtomArray.Vectors(mean.RequireForces());
        if (ensemble.Members.Count > 1)
        {
            s.Info["energy_std"] = eStd;
            s.Arrays["forces_std"] = PerAtomArray.Real(fStd!);
        }
    }
}
