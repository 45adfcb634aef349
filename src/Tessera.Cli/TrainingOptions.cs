using System.CommandLine;
using Tessera.Networks;

namespace Tessera.Cli;

/// <summary>Options that mean the same in <c>train bpnn</c> and <c>train fragments</c>, built once so their names,
/// checks and help cannot drift apart (only the defaults differ).</summary>
internal static class TrainingOptions
{
    public static Option<int> Patience(int defaultValue) => new Option<int>("--patience")
    {
        Description = "Early stopping: stop after this many epochs in a row without a better validation loss (0: never stop early)",
        DefaultValueFactory = _ => defaultValue,
    }.AtLeast(0);

    public static Option<string> Optimizer(string defaultValue) => new Option<string>("--optimizer")
    {
        Description = "adam (mini-batches) or lbfgs (full batch with a line search, one iteration per epoch)",
        DefaultValueFactory = _ => defaultValue,
    }.OneOf("adam", "lbfgs");

    /// <summary>The optimiser an <see cref="Optimizer"/> value names.</summary>
    public static TrainingOptimizer OptimizerOf(string value) => value == "lbfgs" ? TrainingOptimizer.Lbfgs : TrainingOptimizer.Adam;

    public static Option<int> LbfgsMemory() => new Option<int>("--lbfgs-memory")
    {
        Description = "Curvature pairs kept by L-BFGS (with --optimizer lbfgs)",
        DefaultValueFactory = _ => 10,
    }.AtLeast(1);
}
