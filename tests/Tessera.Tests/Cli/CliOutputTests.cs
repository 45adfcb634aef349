using Spectre.Console;
using Tessera.Cli;

namespace Tessera.Tests.Cli;

/// <summary>Output for logs and pipes: tables are never cut at Spectre's 80 columns, and long training says where it is at
/// least every interval.</summary>
public class CliOutputTests
{
    private static readonly string[] Wide =
        ["R", "frames", "MAE vs full", "MAE-MSE vs full", "RMSE vs full", "MAE vs fragments", "MAE-MSE vs fragments", "Spearman(spread,|err|)"];

    private static (IAnsiConsole Console, StringWriter Text) Capture()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 80; // what Spectre assumes off a terminal
        return (console, text);
    }

    private static Table WideTable()
    {
        var t = new Table().AddColumns(Wide);
        t.AddRow("2", "50", "0.921", "0.531", "1.104", "0.562", "0.310", "0.43");
        return t;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("40")] // narrower than the words: wider than asked rather than cut
    public void Off_a_terminal_a_table_keeps_every_word_whole(string? columns)
    {
        var (console, text) = Capture();
        CliTable.Write(console, WideTable(), redirected: true, columns);
        string output = text.ToString();
        Assert.DoesNotContain("…", output);
        Assert.DoesNotContain("...", output);
        Assert.Contains("Spearman(spread,|err|)", output);
        if (string.IsNullOrEmpty(columns)) Assert.Contains("MAE-MSE vs fragments", output); // natural width: headers on one line
        Assert.Equal(80, console.Profile.Width); // restored
    }

    [Fact]
    public void Columns_sets_the_width_off_a_terminal_and_on_it()
    {
        var (console, text) = Capture();
        CliTable.Write(console, WideTable(), redirected: true, "150");
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 150, l));
        Assert.Contains(lines, l => l.Contains("MAE vs fragments"));
        Assert.Equal(100, CliTable.Width(console, WideTable(), redirected: false, "100"));
        Assert.Null(CliTable.Width(console, WideTable(), redirected: false, null)); // the terminal's own width
        Assert.True(CliTable.Width(console, WideTable(), redirected: true, null) > 80);
    }

    [Theory]
    [InlineData(true, null, CliTable.Unbroken)]
    [InlineData(true, "", CliTable.Unbroken)]
    [InlineData(true, "120", 120)]
    [InlineData(false, "120", 120)]
    [InlineData(false, null, null)]
    public void Lines_of_text_are_not_broken_at_80_columns_off_a_terminal(bool redirected, string? columns, int? width) =>
        Assert.Equal(width, CliTable.TextWidth(redirected, columns));

    [Fact]
    public void Progress_lines_come_at_least_every_interval_with_the_latest_state_and_elapsed_time()
    {
        var buffer = new StringWriter();
        var text = TextWriter.Synchronized(buffer);
        var interval = TimeSpan.FromMilliseconds(200);
        var started = DateTime.UtcNow;
        using (var lines = new ProgressLines<int>("training", e => $"epoch {e}", writer: text, interval: interval))
        {
            Thread.Sleep(450);
            lines.Report(7);
            Thread.Sleep(1300);
        }
        var wall = DateTime.UtcNow - started;
        var got = buffer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(got.Length >= wall / interval / 2, $"{got.Length} lines in {wall.TotalMilliseconds:F0} ms");
        Assert.StartsWith("training: starting, elapsed 0:00:00", got[0]);
        Assert.Contains(got, l => l.StartsWith("training: epoch 7, elapsed 0:00:0", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_report_is_a_line_when_asked_and_none_follow_disposal()
    {
        var text = new StringWriter();
        var lines = new ProgressLines<int>("member 1/1", e => $"epoch {e}/3", eachReport: true, writer: text, interval: TimeSpan.FromHours(1));
        for (int e = 1; e <= 3; e++) lines.Report(e);
        lines.Dispose();
        Assert.Equal(["member 1/1: epoch 1/3", "member 1/1: epoch 2/3", "member 1/1: epoch 3/3"],
                     text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.IndexOf(", elapsed", StringComparison.Ordinal)]));
    }

    [Fact]
    public void A_fragment_progress_line_names_epochs_loss_and_validation_error()
    {
        var line = TrainCommand.Describe(new Tessera.FragmentNetworks.FragmentTrainingProgress(120, 4000, 1, 4, "r1:H2O,H2O", 1,
            new Tessera.FragmentNetworks.EpochPoint(60, 0.1234, 0.5, 1e-3)));
        Assert.Equal("120/4000 epochs over 4 networks (1 done); r1:H2O,H2O member 2 epoch 60: train RMSE 0.123, validation RMSE 0.500 kcal/mol", line);
    }
}
