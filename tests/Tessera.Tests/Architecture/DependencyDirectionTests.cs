using Tessera.Core;
using Xunit.Abstractions;

namespace Tessera.Tests.Architecture;

/// <summary>Dependencies point one way, down the data flow of DESIGN.md (files -> Structure -> descriptors or fragment
/// graph -> networks -> potentials -> dynamics, training, i-PI), and the library never uses the CLI. The allowed edges
/// are listed here, one by one, so a new back-reference fails this test and has to be argued for in a commit.</summary>
public class DependencyDirectionTests(ITestOutputHelper output)
{
    /// <summary>Folder (namespace under Tessera.) -> the folders it may use.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Core"] = [],
        ["IO"] = ["Core"],
        ["Potentials"] = ["Core"],
        ["Descriptors"] = ["Core"],
        ["Networks"] = ["Core"],
        ["Engines"] = ["Core", "IO", "Potentials"],
        ["Potentials.BehlerParrinello"] = ["Core", "IO", "Potentials", "Descriptors", "Networks"],
        ["Fragments"] = ["Core", "IO", "Potentials"],
        ["Data"] = ["Core", "IO", "Potentials", "Engines", "Descriptors", "Fragments"],
        ["Cluster"] = ["Core", "IO", "Data"],
        ["FragmentNetworks"] = ["Core", "IO", "Potentials", "Descriptors", "Networks", "Fragments", "Data"],
        ["Dynamics"] = ["Core", "IO", "Potentials"],
        ["Interop"] = ["Core", "IO", "Potentials", "Dynamics"],
        // The one model loader: tells model kinds apart for every command, so it sits above them all.
        ["Models"] = ["Core", "IO", "Potentials", "Engines", "Potentials.BehlerParrinello", "Fragments", "FragmentNetworks"],
        // Transfer to a larger system: novelty against known cells, recursive tessellation, refinement rounds.
        ["Transfer"] = ["Core", "IO", "Data", "Descriptors", "FragmentNetworks"],
    };

    /// <summary>Back-references that exist today, each with what removes it. Remove an entry when it is fixed.</summary>
    private static readonly (string From, string To, string Why)[] KnownExceptions =
    [
    ];

    [Fact]
    public void Library_folders_use_only_folders_below_them_and_never_the_cli()
    {
        var assembly = typeof(Vec3).Assembly;
        var edges = NamespaceGraph.Edges(assembly, "Tessera.");
        output.WriteLine("Folder dependency graph of the Tessera library (from -> to, one example each):");
        foreach (var ((from, to), example) in edges) output.WriteLine($"  {Short(from)} -> {Short(to)}   ({example})");

        var bad = edges.Where(e => !Permitted(Short(e.Key.From), Short(e.Key.To)))
            .Select(e => $"{Short(e.Key.From)} -> {Short(e.Key.To)} ({e.Value})").ToArray();
        Assert.True(bad.Length == 0, "References against the data flow (DESIGN.md), or from a folder this test does not know:\n" + string.Join("\n", bad));
        var stale = KnownExceptions.Where(k => !edges.ContainsKey(($"Tessera.{k.From}", $"Tessera.{k.To}"))).ToArray();
        Assert.True(stale.Length == 0, $"Known exception(s) no longer needed, remove them: {string.Join(", ", stale.Select(k => $"{k.From} -> {k.To}"))}");
        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name == "Tessera.Cli");
    }

    private static bool Permitted(string from, string to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to) || KnownExceptions.Any(k => k.From == from && k.To == to);

    private static string Short(string ns) => ns["Tessera.".Length..];
}
