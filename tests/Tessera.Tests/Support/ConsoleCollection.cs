namespace Tessera.Tests;

/// <summary>Tests that run CLI commands or capture Console.Out/Error. The console, and Spectre.Console's live
/// displays (one at a time per process), are process-wide, so these tests run one after another: otherwise
/// one test's output lands in another's captured text, or two progress bars collide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console capture";
}
