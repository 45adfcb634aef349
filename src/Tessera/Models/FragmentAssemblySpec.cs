using Tessera.Core;
using Tessera.Fragments;
using Tessera.Potentials;

namespace Tessera.Models;

/// <summary>An ab initio fragment assembly as a command's options give it: fragment settings
/// (<c>--fragment rank=2,cutoff=4.5</c>), a high level and, unless the assembly is a plain many-body expansion of
/// the high level, a low level (engine specs, <c>--high</c> and <c>--low</c>). Checked and built here, so a command
/// only passes the options on; errors name the option they came from.</summary>
public sealed record FragmentAssemblySpec(string Settings, string High, string? Low)
{
    public const string SettingsOption = "--fragment", HighOption = "--high", LowOption = "--low";

    /// <summary>The spec the options give, or null when there are no fragment settings (a direct calculation).</summary>
    /// <exception cref="ArgumentException">A low or high level without settings, or settings without a high level.</exception>
    public static FragmentAssemblySpec? From(string? settings, string? low, string? high)
    {
        if (settings is null)
            return (low ?? high) is null ? null
                : throw new ArgumentException($"{LowOption} and {HighOption} belong to {SettingsOption}; use --engine for a direct calculation.");
        return new FragmentAssemblySpec(settings, high ?? throw new ArgumentException($"{SettingsOption} needs {HighOption} (and usually {LowOption})."), low);
    }

    /// <summary>The assembly: high level, then low level, then settings are made, so the first bad one is named.</summary>
    /// <param name="engine">Makes an engine from a spec: the command chooses whether it goes through a result cache.</param>
    /// <exception cref="ArgumentException">A bad engine spec or bad settings (the message names the option).</exception>
    public FragmentPotential Build(Func<string, IPotential> engine) =>
        new(Parse(HighOption, High, engine), Low is { } low ? Parse(LowOption, low, engine) : null,
            Parse(SettingsOption, Settings, FragmentSettings.Parse));

    private static T Parse<T>(string option, string text, Func<string, T> parse)
    {
        try { return parse(text); }
        catch (Exception e) when (e is FormatException or ArgumentException and not ArgumentNullException)
        {
            throw new ArgumentException($"{option} '{text}': {UserMessage.Of(e)}", e);
        }
    }
}
