namespace Tessera.Fragments;

/// <summary>What a fragment level returns for a simplex s, and so how the assembly combines it.</summary>
public enum FragmentTarget
{
    /// <summary>The fragment's energy difference dE(s) = E_high(s) - E_low(s) (or its energy), combined with the
    /// inclusion-exclusion coefficients: sum_s M(s) dE(s). Every ab initio level is of this kind.</summary>
    Energy,
    /// <summary>The fragment's many-body increment d(s) = sum over faces t of s (s included) of (-1)^(|s|-|t|) dE(t),
    /// combined with the simplex weights: sum_s W(s) d(s), W(s) in [0, 1] the product of s's edge weights. The same
    /// total for exact energies (<see cref="SimplicialComplex"/>); for learned ones each simplex's error enters once,
    /// with weight at most 1, instead of with M(s) (which grows with the cutoff).</summary>
    Increment,
}
