using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary>The options of one training run, resolved: a flag given on the command line wins, then the config file's
/// value, then the option's default. File values go through the same parser and range checks as flags (they are
/// parsed as if typed after the command line), so a file cannot set what a flag could not; an error about a file value
/// names the file, its line and its key.</summary>
internal sealed class TrainConfig
{
    private readonly string? _path;
    private readonly Dictionary<Option, ConfigEntry> _fromFile;

    private TrainConfig(ParseResult values, string? path, Dictionary<Option, ConfigEntry> fromFile, Dictionary<string, string> options,
                        Dictionary<string, string> sources)
    {
        Values = values; _path = path; _fromFile = fromFile; Options = options; Sources = sources;
    }

    /// <summary>The parse to read every option from (the command line with the file's values added).</summary>
    public ParseResult Values { get; }
    /// <summary>Every option that has a value, by config key, as its flag takes it.</summary>
    public Dictionary<string, string> Options { get; }
    /// <summary>Where each value came from: <see cref="TrainingConfigRecord.Flag"/>, File or Default.</summary>
    public Dictionary<string, string> Sources { get; }

    public static Option<string?> ConfigOption() => new("--config", "-c")
    {
        Description = "Training config file (YAML: one 'key: value' per option, keys are the option names without '--', e.g. " +
                      "'epochs: 200', 'hidden: [16, 16]'); flags on the command line override it",
    };

    public static TrainConfig Resolve(ParseResult pr, Option<string?> config)
    {
        var options = pr.CommandResult.Command.Options.Where(o => o != config && o is not System.CommandLine.Help.HelpOption && o is not VersionOption).ToList();
        string? path = pr.GetValue(config);
        var entries = path is null ? [] : TrainConfigFile.Read(path, options);
        var fromFile = entries.Where(e => pr.GetResult(e.Option) is not OptionResult { Implicit: false }).ToDictionary(e => e.Option);
        var values = fromFile.Count == 0 ? pr : Reparse(pr, fromFile.Values, path!);
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in options)
        {
            if (values.GetResult(o) is not OptionResult r || Format(r.GetValueOrDefault<object?>()) is not { } text) continue;
            string key = TrainConfigFile.KeyOf(o);
            resolved[key] = text;
            sources[key] = fromFile.ContainsKey(o) ? TrainingConfigRecord.File : r.Implicit ? TrainingConfigRecord.Default : TrainingConfigRecord.Flag;
        }
        return new TrainConfig(values, path, fromFile, resolved, sources);
    }

    /// <summary>The record stored with the model.</summary>
    public TrainingConfigRecord Record(string command, IEnumerable<string> dataFiles, int seed) =>
        TrainingConfigRecord.Create(command, Options, Sources, _path, dataFiles, seed, PipelineCli.CommandLine());

    /// <summary>Runs <paramref name="body"/>; a complaint it raises about an option ("--hidden '16,x': ...") whose value
    /// came from the file is told with the file's line and key.</summary>
    public int Run(Func<int> body)
    {
        try { return body(); }
        catch (ArgumentException e) when (_fromFile.Values.FirstOrDefault(f => CliErrors.Message(e).StartsWith(f.Option.Name + " ", StringComparison.Ordinal)) is { } entry)
        {
            throw new FileFormatException(_path!, entry.Line, $"'{entry.Key}': {CliErrors.Message(e)}");
        }
    }

    private static ParseResult Reparse(ParseResult pr, IEnumerable<ConfigEntry> entries, string path)
    {
        var tokens = pr.Tokens.Select(t => t.Value).ToList();
        foreach (var e in entries) tokens.AddRange([e.Option.Name, e.Text]);
        var values = pr.RootCommandResult.Command.Parse(tokens, pr.Configuration);
        if (values.Errors.Count == 0) return values;
        var byOption = entries.ToDictionary(e => e.Option);
        throw new ArgumentException(string.Join(" ", values.Errors.Select(error =>
            error.SymbolResult is OptionResult r && byOption.TryGetValue(r.Option, out var entry)
                ? $"{path}:{entry.Line}: '{entry.Key}': {error.Message}" : error.Message)));
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
