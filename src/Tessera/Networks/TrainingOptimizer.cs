namespace Tessera.Networks;

/// <summary>How network parameters are fitted: Adam on shuffled mini-batches, or full-batch L-BFGS with a line
/// search (one iteration per epoch; best on small data sets, where it also needs no learning-rate tuning).</summary>
public enum TrainingOptimizer { Adam, Lbfgs }
