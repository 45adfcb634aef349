namespace Tessera.Networks;

/// <summary>Glorot-uniform initialisation (Glorot and Bengio 2010): weights of the layer n_in -> n_out drawn
/// from U(-a, a) with a = sqrt(6 / (n_in + n_out)), so that activations and gradients keep their variance
/// through tanh-like layers; biases zero. The one initialisation of atomic and fragment networks.</summary>
public static class GlorotInitialisation
{
    /// <summary>Overwrites every parameter of <paramref name="net"/>, layer by layer in n2p2 order (weights, then
    /// biases), drawing from <paramref name="rng"/> in that order.</summary>
    /// <param name="outputLayerScale">Factor on the output layer's limit a. 1 is plain Glorot. Atomic networks use
    /// 0.5: their outputs are summed over every atom, so the initial total-energy error grows with the atom count,
    /// and a smaller output layer starts them closer to the energy offsets.</param>
    public static void Apply(DenseNetwork net, Random rng, double outputLayerScale = 1.0)
    {
        var p = net.Parameters;
        int offset = 0, layers = net.LayerSizes.Count - 1;
        for (int l = 0; l < layers; l++)
        {
            int nIn = net.LayerSizes[l], nOut = net.LayerSizes[l + 1];
            double limit = Math.Sqrt(6.0 / (nIn + nOut)) * (l == layers - 1 ? outputLayerScale : 1.0);
            for (int k = 0; k < nIn * nOut; k++) p[offset++] = limit * (2 * rng.NextDouble() - 1);
            for (int k = 0; k < nOut; k++) p[offset++] = 0.0;
        }
    }
}
