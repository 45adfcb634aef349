namespace Tessera.Tests;

/// <summary>Tests that capture Console.Out or Console.Error. The console is process-wide, so they run alone:
/// otherwise another test's output (a CLI command printing its summary) lands in the captured text.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console capture";
}
