using System.CommandLine;

namespace Tessera.Cli;

/// <summary>The options that say what and how to label, shared by <c>tessera label</c> and <c>tessera label submit</c>
/// (whose tasks run the former): pool, selection, engines, forces, batches, retries.</summary>
internal sealed class LabelCliOptions
{
    public readonly Argument<string> Pool = new("pool") { Description = "Fragment pool file (from 'tessera pool')" };
    public readonly Option<string> Selection = new("--selection") { Description = "Selection file (from 'tessera select')", Required = true };
    public readonly Option<string?> Low = new("--low") { Description = "Low-level engine, e.g. xtb:gfn2" };
    public readonly Option<string?> High = new("--high") { Description = "High-level engine, e.g. psi4:mp2/cc-pvdz" };
    public readonly Option<bool> Gradients = new("--gradients") { Description = "Compute forces too" };
    public readonly Option<int> Workers = new Option<int>("--workers", "-j") { Description = "Engine batches run at once (xtb already runs a batch's members in parallel; use it for psi4)", DefaultValueFactory = _ => 1 }.AtLeast(1);
    public readonly Option<int> Chunk = new Option<int>("--chunk") { Description = "Geometries per engine batch (one psi4 process per batch)", DefaultValueFactory = _ => 16 }.AtLeast(1);
    public readonly Option<bool> RetryFailed = new("--retry-failed") { Description = "Try stored failures again" };
    public readonly Option<bool> NoRetry = new("--no-retry") { Description = "Do not retry a failed calculation with safer SCF options" };

    /// <summary>Adds the argument and the options to <paramref name="cmd"/>.</summary>
    public void AddTo(Command cmd)
    {
        cmd.Arguments.Add(Pool);
        foreach (var o in new Option[] { Selection, Low, High, Gradients, Workers, Chunk, RetryFailed, NoRetry }) cmd.Options.Add(o);
    }
}
