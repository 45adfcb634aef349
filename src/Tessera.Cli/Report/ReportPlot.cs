using System.Text.Json.Serialization;

namespace Tessera.Cli;

/// <summary>One series of a report plot: y values over the plot's x (null: no point).</summary>
public sealed record ReportSeries(string Label, double?[] Y, bool Line, bool Points, bool Step = false);

/// <summary>The span an axis shows.</summary>
public readonly record struct AxisRange(double Min, double Max);

/// <summary>One plot of the report: the data it draws, computed here so that the page's script and the SVG writer only
/// render. <paramref name="XRange"/> and <paramref name="YRange"/> fix the axes (<see cref="ReportRanges"/>: the same for
/// every model's plot of one kind); <paramref name="EqualAxes"/> asks for one range on both (a parity plot).</summary>
public sealed record ReportPlot(string Id, string Title, string XLabel, string YLabel, double?[] X, ReportSeries[] Series,
                                AxisRange? XRange = null, AxisRange? YRange = null, bool EqualAxes = false);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReportPlot[]))]
internal sealed partial class ReportJson : JsonSerializerContext;
