namespace Tessera.Networks;

/// <summary>The one epoch loop of atomic and fragment network training: the learning rate from the schedule (halved
/// on <see cref="EarlyStopping"/> plateaus), one optimiser pass (Adam mini-batches or an L-BFGS iteration, supplied
/// by the trainer), the validation loss (training stops with <see cref="TrainingDivergedException"/> when it is not
/// finite), early stopping, and the weights of the best validation loss kept and restored at the end. It ends after
/// the last epoch, when patience runs out, or when the optimiser can no longer move. A run can continue from a
/// <see cref="TrainingLoopSnapshot"/> (with the trainer's own state restored too) exactly as if it had not stopped.</summary>
public static class TrainingLoop
{
    /// <param name="parameters">The networks' live parameter arrays (updated in place by <paramref name="step"/>).</param>
    /// <param name="step">One optimiser pass at epoch and learning rate; false when no step lowers the loss (L-BFGS converged).</param>
    /// <param name="validationLoss">The validation loss with the current parameters, after the pass of that epoch.</param>
    /// <param name="epochDone">Called after each epoch with its index, learning rate and whether it was the new best
    /// (whose weights are then the current ones: the moment to checkpoint).</param>
    /// <param name="from">Where to continue (a resumed run; <paramref name="parameters"/> already hold its weights); null starts at epoch 0.</param>
    /// <param name="snapshot">Called after <paramref name="epochDone"/> with the loop's state; its arrays are live, valid only during the call.</param>
    /// <returns>The early-stopping state: best epoch and loss.</returns>
    public static EarlyStopping Run(IReadOnlyList<double[]> parameters, int epochs, int patience, LearningRateSchedule schedule,
                                    Func<int, double, bool> step, Func<int, double> validationLoss,
                                    Action<int, double, bool> epochDone, CancellationToken ct,
                                    TrainingLoopSnapshot? from = null, Action<TrainingLoopSnapshot>? snapshot = null)
    {
        var stopping = new EarlyStopping(patience, from?.Stopping);
        var best = (from?.Best ?? parameters).Select(p => (double[])p.Clone()).ToArray();
        bool moved = from?.Moved ?? true;
        for (int epoch = from?.Epochs ?? 0; epoch < epochs && moved && !stopping.ShouldStop; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            double lr = schedule.At(epoch, stopping.Plateaus);
            moved = step(epoch, lr);
            double loss = validationLoss(epoch);
            TrainingDivergedException.RequireFiniteLoss(loss, epoch, lr);
            bool improved = stopping.Observe(epoch, loss);
            if (improved)
                for (int k = 0; k < best.Length; k++) parameters[k].CopyTo(best[k], 0);
            epochDone(epoch, lr, improved);
            snapshot?.Invoke(new TrainingLoopSnapshot(epoch + 1, moved, best, stopping.State));
        }
        for (int k = 0; k < best.Length; k++) best[k].CopyTo(parameters[k], 0);
        return stopping;
    }
}

/// <summary>The loop's state after <paramref name="Epochs"/> epochs: whether the optimiser still moved, the best weights so
/// far and the early-stopping counters.</summary>
public sealed record TrainingLoopSnapshot(int Epochs, bool Moved, double[][] Best, EarlyStoppingState Stopping);
