using System.CommandLine;
using Spectre.Console;
using Tessera.Core;
using Tessera.Engines;
using Tessera.IO;
using Tessera.Interop;
using Tessera.Models;

namespace Tessera.Cli;

/// <summary>Options and plumbing shared by the commands that evaluate a model on a structure.</summary>
internal static class CliCommon
{
    public static Option<string> ModelOption() => new("--model", "-m") { Description = ModelLoader.Help, Required = true };
    public static Option<int?> ChargeOption() => new("--charge") { Description = "Total charge (overrides the file's)" };
    public static Option<int?> MultiplicityOption() => new Option<int?>("--multiplicity") { Description = "Spin multiplicity 2S+1 (overrides the file's)" }.AtLeast(1);

    /// <summary>--n2p2-units: the units of n2p2 input.data numbers read or written (<see cref="N2p2Units.Parse"/>).</summary>
    public static Option<string?> N2p2UnitsOption(string fallback = "bohr,hartree") =>
        new("--n2p2-units") { Description = $"{N2p2Units.Help} (default: {fallback})" };

    /// <summary>The units --n2p2-units gives, or null when it was not given.</summary>
    public static N2p2Units? N2p2UnitsOf(string? text) => text is null ? null : N2p2Units.Parse(text, "--n2p2-units");

    /// <summary>True when <paramref name="path"/> is (by its name) an n2p2 input.data file.</summary>
    public static bool IsN2p2(string path, string? format = null)
    {
        try { return (format?.Trim().ToLowerInvariant() ?? StructureFile.DetectFormat(path)) is StructureFile.N2p2Format or "input.data"; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>The units a Behler-Parrinello model was read in (n2p2 data beside it come in the same), else null.</summary>
    public static N2p2Units? ModelUnits(Tessera.Potentials.IPotential model) =>
        (model as Tessera.Potentials.BehlerParrinello.BpnnEnsemble)?.Units?.Units;

    /// <summary>The last frame of a structure file (the first with <paramref name="first"/>), with charge and
    /// multiplicity overrides applied; an n2p2 file in <paramref name="n2p2Units"/> (Bohr/Hartree when null).</summary>
    public static Structure ReadStructure(string path, int? charge, int? multiplicity, bool first = false, N2p2Units? n2p2Units = null)
    {
        var frames = StructureFile.Read(path, null, n2p2Units);
        var s = (first ? frames.FirstOrDefault() : frames.LastOrDefault()) ?? throw new ArgumentException($"'{path}' holds no structures.");
        return Override(s, charge, multiplicity);
    }

    /// <summary>Every frame of a structure file, with charge and multiplicity overrides applied.</summary>
    public static IReadOnlyList<Structure> ReadAll(string path, int? charge, int? multiplicity, N2p2Units? n2p2Units = null) =>
        StructureFile.Read(path, null, n2p2Units).Select(s => Override(s, charge, multiplicity)).ToList();

    /// <summary>Applies the --charge/--multiplicity overrides to one frame.</summary>
    public static Structure Override(Structure s, int? charge, int? multiplicity)
    {
        if (charge is { } q) s.Charge = q;
        if (multiplicity is { } m) s.Multiplicity = m >= 1 ? m : throw new ArgumentException($"--multiplicity must be at least 1, got {m}.");
        return s;
    }

    /// <summary>Checks an output path before any work: its folder exists and its name tells a structure format.</summary>
    public static void RequireOutput(string option, string path)
    {
        AtomicFile.RequireFolder(path);
        CliOptions.Parse(option, path, StructureFile.DetectFormat);
    }

    /// <summary>Runs a command body through <see cref="CliErrors.Guard(Func{Task{int}})"/>.</summary>
    public static Task<int> Guard(Func<Task<int>> body) => CliErrors.Guard(body);

    /// <summary>An IProgress that acts at once on the reporting thread (Spectre's tasks are thread-safe).</summary>
    public sealed class Immediate<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
