namespace Tessera.Potentials;

/// <summary>A potential returned a NaN or infinite energy or force (a model far outside its training range, atoms
/// that ran into each other, an overflow). Raised where results leave a computation (dynamics, optimisation, the
/// i-PI driver, predict) so that no trajectory, server or output file receives them.</summary>
public sealed class NonFiniteResultException(string message) : InvalidOperationException(message);
