using Tessera.Core;
using Tessera.Fragments;

namespace Tessera.Cli;

/// <summary>Fragmentation of a user's structure: a <see cref="FragmentationException"/> (alone or from parallel work)
/// comes back naming the structure, frame or MD step it happened in, which the library cannot know.</summary>
internal static class CliFragments
{
    public static Fragmentation Create(Structure s, FragmentSettings settings, string where, CancellationToken ct = default) =>
        Where(where, () => Fragmentation.Create(s, settings, ct));

    public static T Where<T>(string where, Func<T> body) => Where(() => where, body);

    public static void Where(string where, Action body) => Where(() => where, body);

    public static void Where(Func<string> where, Action body, Func<string?>? advice = null) => Where(where, () => { body(); return true; }, advice);

    /// <summary>The asynchronous form, for a body whose failure surfaces when it is awaited.</summary>
    public static async Task WhereAsync(string where, Func<Task> body)
    {
        try { await body(); }
        catch (Exception e) when (First(e) is { } f) { throw new FragmentationException($"{where}: {f.Message}"); }
    }

    /// <summary>Runs <paramref name="body"/>; a fragmentation error is prefixed with <paramref name="where"/> and followed
    /// by <paramref name="advice"/> (both asked only then: an MD step is known at the time of failure).</summary>
    public static T Where<T>(Func<string> where, Func<T> body, Func<string?>? advice = null)
    {
        try { return body(); }
        catch (Exception e) when (First(e) is { } f)
        {
            throw new FragmentationException($"{where()}: {f.Message}{(advice?.Invoke() is { } a ? " " + a : "")}");
        }
    }

    private static FragmentationException? First(Exception e) => e switch
    {
        FragmentationException f => f,
        AggregateException a => a.Flatten().InnerExceptions.OfType<FragmentationException>().FirstOrDefault(),
        _ => null,
    };
}
