using System.Reflection;

namespace Tessera.Core;

/// <summary>The version every written file and labelled frame records as its provenance (the assembly's informational
/// version). In Core because every stage writes it and none should reach up to another stage for it.</summary>
public static class TesseraVersion
{
    public static string Current { get; } =
        typeof(TesseraVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
