using System.CommandLine;
using System.Globalization;
using Tessera.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tessera.Cli;

/// <summary>One value from a config file: the option it sets, its text as that option's flag takes it, and its line.</summary>
internal sealed record ConfigEntry(Option Option, string Key, string Text, int Line);

/// <summary>A training config file (YAML): one flat mapping from option names to values, e.g. <c>epochs: 200</c>,
/// <c>hidden: [16, 16]</c>, <c>force_weight: 0.1</c>. Keys are the long option names without the dashes, with '_' or '-'
/// between words. YAML rather than TOML because MACE and NequIP users already write their training configs in it, and
/// YamlDotNet's node marks give the line of every key for the error messages. An unknown key, a value of the wrong type,
/// a repeated key or a nested value is refused naming the file, the line and the key.</summary>
internal static class TrainConfigFile
{
    /// <summary>The key of an option in a config file ("--force-weight" -> "force_weight").</summary>
    public static string KeyOf(Option o) => o.Name.TrimStart('-').Replace('-', '_');

    /// <exception cref="FileFormatException">Not YAML, not a mapping, an unknown key or a value of the wrong type.</exception>
    public static List<ConfigEntry> Read(string path, IReadOnlyList<Option> options)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--config: the config file '{path}' does not exist.", path);
        var root = Load(path);
        var byKey = options.ToDictionary(KeyOf, StringComparer.Ordinal);
        var entries = new List<ConfigEntry>();
        foreach (var (keyNode, valueNode) in root.Children)
        {
            int line = (int)keyNode.Start.Line;
            string key = keyNode is YamlScalarNode { Value: { } k } ? k.Trim().Replace('-', '_')
                : throw new FileFormatException(path, line, "a key must be a plain name");
            if (!byKey.TryGetValue(key, out var option))
                throw new FileFormatException(path, line, $"unknown key '{key}'; valid keys: {string.Join(", ", byKey.Keys.Order(StringComparer.Ordinal))}");
            if (entries.Any(e => e.Key == key)) throw new FileFormatException(path, line, $"key '{key}' is given twice");
            if (Text(path, key, option, valueNode) is { } text) entries.Add(new ConfigEntry(option, key, text, line));
        }
        return entries;
    }

    private static YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = File.OpenText(path);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new FileFormatException(path, (int)e.Start.Line, $"not valid YAML: {(e.InnerException ?? e).Message}");
        }
        if (yaml.Documents.Count == 0) return new YamlMappingNode(); // an empty file sets nothing
        return yaml.Documents[0].RootNode as YamlMappingNode
               ?? throw new FileFormatException(path, (int)yaml.Documents[0].RootNode.Start.Line, "a config file is one mapping of option names to values (key: value)");
    }

    /// <summary>The value as its flag's text, type-checked; null for an empty value (the option keeps its default).</summary>
    private static string? Text(string path, string key, Option option, YamlNode node)
    {
        int line = (int)node.Start.Line;
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        string? text = node switch
        {
            YamlScalarNode s when s.Style == ScalarStyle.Plain && s.Value is "" or "~" or "null" or "Null" or "NULL" => null,
            YamlScalarNode s => s.Value,
            // A list of numbers is what the comma-separated flags (--hidden 16,16) take.
            YamlSequenceNode q when type == typeof(string) && q.Children.All(c => c is YamlScalarNode) =>
                string.Join(",", q.Children.Select(c => ((YamlScalarNode)c).Value)),
            _ => throw new FileFormatException(path, line, $"'{key}' must be a single value{(type == typeof(string) ? " or a list" : "")}, not a {Kind(node)}"),
        };
        if (text is null) return null;
        if (type == typeof(bool) && text.ToLowerInvariant() is "true" or "false") text = text.ToLowerInvariant(); // YAML's True, TRUE
        string? expected = type == typeof(int) ? (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "an integer")
            : type == typeof(double) ? (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : "a number")
            : type == typeof(bool) ? (text is "true" or "false" ? null : "true or false")
            : null;
        return expected is null ? text : throw new FileFormatException(path, line, $"'{key}' must be {expected}, got '{text}'");
    }

    private static string Kind(YamlNode node) => node is YamlMappingNode ? "mapping" : node is YamlSequenceNode ? "list" : "value";
}
