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

    /// <summary>The last frame of a structure file (the first with <paramref name="first"/>), with charge and
    /// multiplicity overrides applied.</summary>
    public static Structure ReadStructure(string path, int? charge, int? multiplicity, bool first = false)
    {
        var frames = StructureFile.Read(path);
        var s = (first ? frames.FirstOrDefault() : frames.LastOrDefault()) ?? throw new ArgumentException($"'{path}' holds no structures.");
        return Override(s, charge, multiplicity);
    }

    /// <summary>Every frame of a structure file, with charge and multiplicity overrides applied.</summary>
    public static IReadOnlyList<Structure> ReadAll(string path, int? charge, int? multiplicity) =>
        StructureFile.Read(path).Select(s => Override(s, charge, multiplicity)).ToList();

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
