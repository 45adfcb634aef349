using Tessera.Core;
using Tessera.Fragments;

namespace Tessera.Cli;

/// <summary>Fragmentation of a user's structure: a <see cref="FragmentationException"/> comes back naming the
/// structure (file and frame) it happened in, which the library cannot know.</summary>
internal static class CliFragments
{
    public static Fragmentation Create(Structure s, FragmentSettings settings, string where, CancellationToken ct = default) =>
        Where(where, () => Fragmentation.Create(s, settings, ct));

    /// <summary>Runs <paramref name="body"/>; a fragmentation error is prefixed with <paramref name="where"/>.</summary>
    public static T Where<T>(string where, Func<T> body)
    {
        try { return body(); }
        catch (FragmentationException e) { throw new FragmentationException($"{where}: {e.Message}"); }
    }

    public static void Where(string where, Action body) => Where(where, () => { body(); return true; });
}
