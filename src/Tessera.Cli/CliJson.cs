using System.Text.Json.Serialization;

namespace Tessera.Cli;

/// <summary>Source-generated JSON for the CLI's --json summaries.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CalcCommand.Summary), TypeInfoPropertyName = "CalcSummary")]
[JsonSerializable(typeof(DoctorCommand.Report), TypeInfoPropertyName = "DoctorReport")]
public partial class CliJson : JsonSerializerContext;
