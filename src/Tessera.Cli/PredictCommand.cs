using System.CommandLine;
using Tessera.Core;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Cli;

/// <summary><c>tessera predict --model M IN -o OUT.extxyz</c>: energies and forces of every frame with a
/// Behler-Parrinello model (an n2p2 folder, or a Tessera ensemble of member_* folders; the ensemble's
/// spread is written as energy_std and forces_std).</summary>
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
        var frames = CliCommon.ReadAll(input, charge, multiplicity);
        if (frames.Count == 0) throw new ArgumentException($"{input}: no frames to predict.");
        long warnings = 0;
        CliProgress.Run($"predict {frames.Count} frames", frames.Count, progress =>
        {
            for (int i = 0; i < frames.Count; i++)
            {
                var (mean, eStd, fStd) = ensemble.Evaluate(frames[i], Needs.Forces);
                mean.RequireFinite(modelPath, $"frame {i} of {input}");
                frames[i].Info["energy"] = mean.Energy;
                frames[i].Arrays["forces"] = PerAtomArray.Vectors(mean.RequireForces());
                if (ensemble.Members.Count > 1)
                {
                    frames[i].Info["energy_std"] = eStd;
                    frames[i].Arrays["forces_std"] = PerAtomArray.Real(fStd!);
                }
                progress.Report(i + 1);
            }
            return 0;
        });
        warnings = ensemble.Members.Sum(m => m.TotalExtrapolationWarnings);
        StructureFile.Write(output, frames);
        Console.WriteLine($"{frames.Count} frames -> {output} ({ensemble.Members.Count} model(s), {warnings} extrapolation warnings)");
        return 0;
    }
}
