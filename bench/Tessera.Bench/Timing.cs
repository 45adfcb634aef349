using System.Diagnostics;

namespace Tessera.Bench;

/// <summary>Times a workload: warm-up, then repeats until at least minSeconds have passed; reports the median.</summary>
public static class Timing
{
    public sealed record Measurement(double MedianSeconds, double MinSeconds, int Repeats);

    public static Measurement Measure(Action work, double minSeconds = 2.0, int warmup = 1, int maxRepeats = 1000)
    {
        for (int i = 0; i < warmup; i++) work();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while ((total.Elapsed.TotalSeconds < minSeconds || times.Count < 3) && times.Count < maxRepeats)
        {
            var sw = Stopwatch.StartNew();
            work();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        return new Measurement(times[times.Count / 2], times[0], times.Count);
    }
}
