using System.Text.Json.Serialization;

namespace Tessera.Cli;

/// <summary>Source-generated JSON for the CLI's --json summaries.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
                             NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(CalcCommand.Summary), TypeInfoPropertyName = "CalcSummary")]
[JsonSerializable(typeof(DoctorCommand.Report), TypeInfoPropertyName = "DoctorReport")]
[JsonSerializable(typeof(NoveltyCommand.Report), TypeInfoPropertyName = "NoveltyReport")]
public partial class CliJson : JsonSerializerContext;
