using System.Text.Json.Serialization;

namespace Tessera.Cli;

/// <summary>Source-generated JSON for the CLI's --json summaries.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CalcCommand.Summary), TypeInfoPropertyName = "CalcSummary")]
public partial class CliJson : JsonSerializerContext;
