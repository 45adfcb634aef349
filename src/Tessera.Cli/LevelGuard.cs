using Tessera.Data;

namespace Tessera.Cli;

/// <summary>Refuses to compare or combine numbers from different levels of theory (a delta model with another low
/// level, errors against references from another high level): the result would be meaningless yet look like a
/// result. <c>--allow-level-mismatch</c> lets a user who means it go on.</summary>
internal static class LevelGuard
{
    public const string Option = "--allow-level-mismatch";

    /// <summary>Throws when both levels are known and differ (compared by <see cref="LevelName"/>).</summary>
    /// <param name="what">"high level", "low level".</param>
    /// <param name="expected">The level the model or data set records, and where it is recorded.</param>
    /// <param name="actual">The level of the other side, and where it comes from.</param>
    public static void Require(string what, (string? Level, string Where) expected, (string? Level, string Where) actual, bool allow)
    {
        if (allow || expected.Level is null || actual.Level is null) return;
        string a = LevelName.Parse(expected.Level), b = LevelName.Parse(actual.Level);
        if (a == b) return;
        throw new ArgumentException($"{what} mismatch: {expected.Where} is {a} but {actual.Where} is {b}; use the same level on both sides, " +
                                    $"or pass {Option} if you mean to mix them.");
    }
}
