using System.Globalization;
using System.Security;
using System.Text;

namespace Tessera.Cli;

/// <summary>One report plot as a standalone SVG figure for a paper: the title, framed axes with grid, ticks, tick labels and
/// axis labels (units included), the series (points, lines, steps) clipped to the axes, and a legend beside them.
/// A small writer of its own rather than ScottPlot: the CLI is published NativeAOT, and ScottPlot draws through
/// SkiaSharp, whose native libraries complicate the AOT build and a fresh machine; an SVG is only text.</summary>
public static class SvgPlot
{
    // Layout in px: the axes' frame, then the legend's column (Legend wide) to its right.
    private const int Height = 460, Left = 84, Top = 44, Right = 570, Bottom = 392, Legend = 230, RowHeight = 18;
    private const string Grid = "#e0e0e0";
    // The page script's colours, so that a figure looks like its plot in the report.
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The figure's SVG text; a plot without ranges gets them fitted to its data.</summary>
    public static string Render(ReportPlot plot)
    {
        var p = ReportRanges.Fit(plot);
        // A parity plot's axes are square, so that y = x runs at 45 degrees.
        var map = new Map(p.XRange!.Value, p.YRange!.Value, p.EqualAxes ? Left + Bottom - Top : Right);
        int width = map.Right + Legend;
        var svg = new StringBuilder(8192 + 40 * p.X.Length * p.Series.Length);
        svg.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{Height}\" viewBox=\"0 0 {width} {Height}\" ")
           .Append("font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">")
           .Append(Inv, $"<title>{Esc(p.Title)}</title><rect width=\"{width}\" height=\"{Height}\" fill=\"white\"/>")
           .Append(Inv, $"<clipPath id=\"area\"><rect x=\"{Left}\" y=\"{Top}\" width=\"{map.Right - Left}\" height=\"{Bottom - Top}\"/></clipPath>");
        Axes(svg, p, map);
        for (int s = 0; s < p.Series.Length; s++) Series(svg, p.X, p.Series[s], Colours[s % Colours.Length], map);
        AppendLegend(svg, p.Series, map.Right + 16);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Grid, ticks and their labels, the frame, the title and both axis labels.</summary>
    private static void Axes(StringBuilder svg, ReportPlot p, Map map)
    {
        AxisTicks(svg, map, horizontal: true);
        AxisTicks(svg, map, horizontal: false);
        int cx = (Left + map.Right) / 2, cy = (Top + Bottom) / 2;
        svg.Append(Inv, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{map.Right - Left}\" height=\"{Bottom - Top}\" fill=\"none\" stroke=\"black\"/>")
           .Append(Inv, $"<text class=\"title\" x=\"{(map.Right + Legend) / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Esc(p.Title)}</text>")
           .Append(Inv, $"<text class=\"x-label\" x=\"{cx}\" y=\"{Bottom + 42}\" text-anchor=\"middle\" font-size=\"13\">{Esc(p.XLabel)}</text>")
           .Append(Inv, $"<text class=\"y-label\" x=\"20\" y=\"{cy}\" transform=\"rotate(-90 20 {cy})\" text-anchor=\"middle\" font-size=\"13\">{Esc(p.YLabel)}</text>");
    }

    /// <summary>At each tick of one axis: a grid line across the frame, a 5 px mark outside it and the label beyond.</summary>
    private static void AxisTicks(StringBuilder svg, Map map, bool horizontal)
    {
        var (first, step, count, format) = Ticks(horizontal ? map.X : map.Y);
        for (int i = 0; i < count; i++)
        {
            double v = first + i * step, c = horizontal ? map.Px(v) : map.Py(v);
            if (horizontal) { Line(svg, c, Top, c, Bottom, Grid); Line(svg, c, Bottom, c, Bottom + 5, "black"); }
            else { Line(svg, Left, c, map.Right, c, Grid); Line(svg, Left - 5, c, Left, c, "black"); }
            double x = horizontal ? c : Left - 8, y = horizontal ? Bottom + 18 : c + 4;
            svg.Append(Inv, $"<text x=\"{x:F1}\" y=\"{y:F1}\" text-anchor=\"{(horizontal ? "middle" : "end")}\">{Label(v, step, format)}</text>");
        }
    }

    private static void Line(StringBuilder svg, double x1, double y1, double x2, double y2, string stroke) =>
        svg.Append(Inv, $"<line x1=\"{x1:F1}\" y1=\"{y1:F1}\" x2=\"{x2:F1}\" y2=\"{y2:F1}\" stroke=\"{stroke}\"/>");

    /// <summary>One series: its line (broken at missing values; a step holds each value up to the next x, as the page's
    /// stepped paths do) and its points, in one group.</summary>
    private static void Series(StringBuilder svg, double?[] x, ReportSeries s, string colour, Map map)
    {
        svg.Append(Inv, $"<g class=\"series\" data-label=\"{Esc(s.Label)}\" clip-path=\"url(#area)\" fill=\"{colour}\" stroke=\"{colour}\">");
        if (s.Line)
        {
            svg.Append("<path fill=\"none\" stroke-width=\"1.5\" d=\"");
            bool open = false;
            for (int i = 0; i < x.Length; i++)
            {
                if (x[i] is not double xv || s.Y[i] is not double yv) { open = false; continue; }
                if (!open) svg.Append(Inv, $"M{map.Px(xv):F1},{map.Py(yv):F1}");
                else if (s.Step) svg.Append(Inv, $"H{map.Px(xv):F1}V{map.Py(yv):F1}");
                else svg.Append(Inv, $"L{map.Px(xv):F1},{map.Py(yv):F1}");
                open = true;
            }
            svg.Append("\"/>");
        }
        if (s.Points)
            for (int i = 0; i < x.Length; i++)
                if (x[i] is double xv && s.Y[i] is double yv)
                    svg.Append(Inv, $"<circle cx=\"{map.Px(xv):F1}\" cy=\"{map.Py(yv):F1}\" r=\"2.2\" stroke=\"none\"/>");
        svg.Append("</g>");
    }

    /// <summary>One row per series beside the axes (a line and/or a marker, then the label); rows that do not fit are
    /// counted in a last row.</summary>
    private static void AppendLegend(StringBuilder svg, ReportSeries[] series, int legendX)
    {
        int rows = (Bottom - Top) / RowHeight, shown = series.Length <= rows ? series.Length : rows - 1;
        svg.Append("<g class=\"legend\">");
        for (int s = 0; s < shown; s++)
        {
            string colour = Colours[s % Colours.Length];
            int y = Top + 8 + s * RowHeight;
            if (series[s].Line) svg.Append(Inv, $"<line x1=\"{legendX}\" y1=\"{y}\" x2=\"{legendX + 22}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"1.5\"/>");
            if (series[s].Points) svg.Append(Inv, $"<circle cx=\"{legendX + 11}\" cy=\"{y}\" r=\"3\" fill=\"{colour}\"/>");
            svg.Append(Inv, $"<text x=\"{legendX + 28}\" y=\"{y + 4}\">{Esc(series[s].Label)}</text>");
        }
        if (shown < series.Length)
            svg.Append(Inv, $"<text x=\"{legendX + 28}\" y=\"{Top + 12 + shown * RowHeight}\">(+{series.Length - shown} more series)</text>");
        svg.Append("</g>");
    }

    /// <summary>Ticks at 1, 2 or 5 times a power of ten, about six of them; the format shows the step's decimals.</summary>
    private static (double First, double Step, int Count, string Format) Ticks(AxisRange r)
    {
        double raw = (r.Max - r.Min) / 6, magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw))), f = raw / magnitude;
        double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
        double first = Math.Ceiling(r.Min / step - 1e-9) * step;
        int count = (int)Math.Floor((r.Max - first) / step + 1e-9) + 1;
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        return (first, step, count, decimals > 6 ? "G3" : "F" + decimals.ToString(Inv));
    }

    // A tick a rounding error away from zero reads 0, not -0.00.
    private static string Label(double v, double step, string format) => (Math.Abs(v) < 1e-9 * step ? 0.0 : v).ToString(format, Inv);

    private static string Esc(string s) => SecurityElement.Escape(s);

    /// <summary>Data to figure coordinates (y grows downwards in SVG).</summary>
    private readonly record struct Map(AxisRange X, AxisRange Y, int Right)
    {
        public double Px(double v) => Left + (v - X.Min) / (X.Max - X.Min) * (Right - Left);
        public double Py(double v) => Bottom - (v - Y.Min) / (Y.Max - Y.Min) * (Bottom - Top);
    }
}
