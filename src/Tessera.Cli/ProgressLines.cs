using System.Diagnostics;

namespace Tessera.Cli;

/// <summary>Progress for a log file or a pipe, where a bar cannot be drawn: one line with the latest state and the elapsed
/// time at least every <see cref="DefaultInterval"/> (also when an epoch takes longer than that, so a log never goes
/// quiet for minutes), and with <c>eachReport</c> one line per report as well.</summary>
internal sealed class ProgressLines<T> : IProgress<T>, IDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly string _label;
    private readonly Func<T, string> _describe;
    private readonly bool _eachReport;
    private readonly TextWriter _writer;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _ticker;
    private TimeSpan _lastLine;
    private T _latest = default!;
    private bool _has;

    public ProgressLines(string label, Func<T, string> describe, bool eachReport = false, TextWriter? writer = null, TimeSpan? interval = null)
    {
        _label = label; _describe = describe; _eachReport = eachReport;
        _writer = writer ?? Console.Out;
        _interval = interval ?? DefaultInterval;
        // Its own thread, not a thread-pool timer: training keeps every pool thread busy, and a starved timer fires late.
        _ticker = new Thread(Ticks) { IsBackground = true, Name = "progress lines" };
        _ticker.Start();
    }

    public void Report(T value)
    {
        lock (_gate)
        {
            _latest = value;
            _has = true;
            if (_eachReport) Line();
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _ticker.Join();
        _stop.Dispose();
    }

    /// <summary>Wakes at a fifth of the interval and prints once 4/5 of it have passed since the last line: no gap exceeds it.</summary>
    private void Ticks()
    {
        while (!_stop.Wait(_interval / 5))
            lock (_gate)
                if (_clock.Elapsed - _lastLine >= _interval * 0.8) Line();
    }

    private void Line()
    {
        var t = _clock.Elapsed;
        _writer.WriteLine($"{_label}: {(_has ? _describe(_latest) : "starting")}, elapsed {(int)t.TotalHours}:{t:mm\\:ss}");
        _writer.Flush();
        _lastLine = t;
    }
}
