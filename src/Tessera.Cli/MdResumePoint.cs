using System.Globalization;
using Tessera.Core;
using Tessera.Dynamics;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary>What <c>md --resume</c> continues from: the trajectory's last complete frame. A frame torn by a killed
/// run is cut off (with a notice), the log is cut back to the frame's step so no row is written twice, and the
/// frame's provenance (model, integrator, seed, time step) must match this run, since continuing with another
/// would silently splice two different simulations into one file.</summary>
internal sealed class MdResumePoint
{
    /// <summary>Provenance keys a frame carries, with the options that set them.</summary>
    public const string ModelKey = "md_model", IntegratorKey = "md_integrator", SeedKey = "md_seed",
                        TimeStepKey = "md_timestep_fs", StartStepKey = "md_start_step";

    private static readonly (string Key, string Option)[] Checked =
    [
        (ModelKey, "--model"), (SeedKey, "--seed"), (TimeStepKey, "--timestep"),
        (IntegratorKey, "--integrator (with --temperature, --friction, --tau)"),
    ];

    private readonly string _trajectory;
    private readonly long _completeBytes, _tornBytes;

    private MdResumePoint(string trajectory, Structure frame, long completeBytes, long tornBytes)
    {
        _trajectory = trajectory;
        Frame = frame;
        _completeBytes = completeBytes;
        _tornBytes = tornBytes;
    }

    public Structure Frame { get; }

    /// <summary>The step the run started from (recorded in the frame), or null for trajectories that predate it.</summary>
    public long? StartStep => Frame.Info.TryGetValue(StartStepKey, out var v) && v is long s ? s : null;

    /// <summary>The unit assignment a frozen fragment trajectory began with (stored in its frames), or null.</summary>
    public int[][]? FrozenUnits => FrozenUnitsSchema.Read(Frame, _trajectory);

    /// <summary>The last complete frame of <paramref name="trajectory"/>, or null when there is none to resume
    /// from (no file, an empty file, or only a torn first frame: the run starts afresh). Nothing is changed yet.</summary>
    public static MdResumePoint? Find(string trajectory)
    {
        if (!File.Exists(trajectory)) return null;
        var bytes = File.ReadAllBytes(trajectory);
        var (end, frames) = TrajectoryTail.CompleteFrames(bytes);
        if (frames == 0) return null;
        using var reader = new StringReader(System.Text.Encoding.UTF8.GetString(bytes, 0, (int)end));
        var last = ExtXyz.Read(reader, trajectory).Last();
        return new MdResumePoint(trajectory, last, end, bytes.Length - end);
    }

    /// <summary>Refuses a run whose model, seed, time step or integrator differs from what the frame records,
    /// naming the option and the recorded value; with <paramref name="force"/> it says what differs and goes on.</summary>
    public void Check(IReadOnlyDictionary<string, object> stamp, bool force, TextWriter notices)
    {
        foreach (var (key, option) in Checked)
        {
            if (!Frame.Info.TryGetValue(key, out var recorded) || !stamp.TryGetValue(key, out var now)) continue;
            string was = Text(recorded), asked = Text(now);
            if (was == asked) continue;
            if (force) notices.WriteLine($"notice: --force-resume: continuing {_trajectory} ({key}='{was}') with {option} giving '{asked}'.");
            else
                throw new ArgumentException($"{option}: {_trajectory} was run with {key}='{was}' but this run has '{asked}'; " +
                                            $"give the same options to resume, or --force-resume to continue it anyway.");
        }
    }

    /// <summary>Cuts a torn frame off the trajectory and log rows after the frame's step off the log, then says so.</summary>
    public void Cut(string log, TextWriter notices)
    {
        var (step, _) = MdSnapshot.Clock(Frame, _trajectory);
        if (_tornBytes > 0)
        {
            Truncate(_trajectory, _completeBytes);
            notices.WriteLine($"notice: {_trajectory}: dropped a torn last frame ({_tornBytes} bytes, left by an interrupted run); resuming from step {step}.");
        }
        if (File.Exists(log)) Truncate(log, MdLogTail.RowsUpTo(File.ReadAllBytes(log), step));
    }

    private static void Truncate(string path, long length)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
        if (f.Length > length) f.SetLength(length);
    }

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
