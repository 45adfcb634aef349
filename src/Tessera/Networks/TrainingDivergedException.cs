namespace Tessera.Networks;

/// <summary>Training whose loss or weights became NaN or infinite. Thrown instead of returning (and writing) a model
/// full of NaN; the usual cure is a smaller learning rate, which the message suggests.</summary>
public sealed class TrainingDivergedException(string message) : InvalidOperationException(message)
{
    /// <summary>Throws unless <paramref name="loss"/> is finite.</summary>
    public static void RequireFiniteLoss(double loss, int epoch, double learningRate)
    {
        if (!double.IsFinite(loss))
            throw new TrainingDivergedException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"training diverged: the validation loss is {loss} at epoch {epoch + 1}; try a lower --lr (this epoch used {learningRate:G3})."));
    }

    /// <summary>Throws unless every weight of every network is finite: the last check before a model is written.</summary>
    public static void RequireFiniteWeights(IEnumerable<DenseNetwork> networks, string model)
    {
        foreach (var n in networks)
            foreach (double w in n.Parameters)
                if (!double.IsFinite(w))
                    throw new TrainingDivergedException($"training diverged: {model} has non-finite weights and is not written; try a lower --lr.");
    }
}
