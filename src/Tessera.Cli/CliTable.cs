using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Tessera.Cli;

/// <summary>Writes the CLI's tables so that none is cut. On a terminal a table fits the terminal (or <c>COLUMNS</c> when
/// set). Off a terminal Spectre.Console would assume 80 columns and shorten long headers ("Spearma..."), so a table gets
/// <c>COLUMNS</c> when set, otherwise its natural width, and never less than the width at which every word stays whole
/// (cells may wrap between words, never lose letters).</summary>
internal static class CliTable
{
    /// <summary>Off a terminal, lines of text are not broken at Spectre's assumed 80 columns either: COLUMNS when set, else
    /// <see cref="Unbroken"/>. Called once at start-up.</summary>
    public static void ConfigureConsole()
    {
        if (TextWidth(Console.IsOutputRedirected, Environment.GetEnvironmentVariable("COLUMNS")) is { } width) AnsiConsole.Profile.Width = width;
    }

    /// <summary>Wide enough that no line of text the CLI writes is broken.</summary>
    public const int Unbroken = 4096;

    /// <summary>The width for lines of text; null: the terminal's own.</summary>
    public static int? TextWidth(bool redirected, string? columns) =>
        Columns(columns) is { } set ? set : redirected ? Unbroken : null;

    public static void Write(Table table) =>
        Write(AnsiConsole.Console, table, Console.IsOutputRedirected, Environment.GetEnvironmentVariable("COLUMNS"));

    /// <summary>Writes <paramref name="table"/> to <paramref name="console"/> at <see cref="Width"/>, restoring the console's width after.</summary>
    public static void Write(IAnsiConsole console, Table table, bool redirected, string? columns)
    {
        int before = console.Profile.Width;
        if (Width(console, table, redirected, columns) is { } width) console.Profile.Width = width;
        try { console.Write(table); }
        finally { console.Profile.Width = before; }
    }

    /// <summary>The width to render at; null: the terminal's own.</summary>
    public static int? Width(IAnsiConsole console, Table table, bool redirected, string? columns)
    {
        int? set = Columns(columns);
        if (!redirected) return set;
        var natural = ((IRenderable)table).Measure(RenderOptions.Create(console), 100_000);
        int width = Math.Min(Math.Max(set ?? natural.Max, natural.Min), natural.Max);
        if (!Cuts(table, width)) return Math.Max(width, set ?? 0);
        // Spectre's column shrinking can cut a word even above the measured minimum: the narrowest width that does not.
        int lo = width, hi = natural.Max;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) / 2;
            if (Cuts(table, mid)) lo = mid; else hi = mid;
        }
        return hi;
    }

    private static int? Columns(string? columns) =>
        int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out int c) && c > 0 ? c : null;

    /// <summary>Whether Spectre shortens a cell ("Spearma…") when it renders <paramref name="table"/> at <paramref name="width"/>.</summary>
    private static bool Cuts(Table table, int width)
    {
        var text = new StringWriter();
        var probe = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(text),
        });
        probe.Profile.Width = width;
        probe.Write(table);
        return text.ToString().Contains('…');
    }
}
