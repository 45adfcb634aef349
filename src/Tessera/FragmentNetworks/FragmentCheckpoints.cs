using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tessera.Descriptors;

namespace Tessera.FragmentNetworks;

/// <summary>Periodic checkpoints of a fragment training run, so a killed run can resume: every ensemble member of every
/// type leaves its state (<see cref="MemberCheckpoint"/>) at most every <see cref="Interval"/> and when it finishes, and
/// the file (<see cref="FragmentCheckpointFile"/>) is written at most every interval with each member's latest state.
/// Any member state is an epoch boundary of that member, so resuming from any checkpoint gives the model of an
/// uninterrupted run. A checkpoint resumes only the run that wrote it (same settings, data, descriptor and starting
/// model, checked through <see cref="RunKey"/>); the number of networks trained at once may differ.</summary>
/// <param name="path">The checkpoint file.</param>
/// <param name="interval">Least time between two writes (zero: after every epoch of every member).</param>
/// <param name="resume">Continue from the file when it exists; otherwise training starts afresh and overwrites it.</param>
public sealed class FragmentCheckpoints(string path, TimeSpan interval, bool resume)
{
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Dictionary<(string Type, int Member), MemberCheckpoint> _members = [];
    private Dictionary<(string Type, int Member), TimeSpan> _left = [];
    private TimeSpan? _written;
    private string _key = "";

    public string Path { get; } = path;
    public TimeSpan Interval { get; } = interval;
    public bool Resume { get; } = resume;

    /// <summary>Members taken from the file (resumed), 0 when training started afresh.</summary>
    public int Resumed { get; private set; }

    /// <summary>Starts the run <paramref name="runKey"/>: with <see cref="Resume"/> and a file, its members (by type and
    /// member); else none.</summary>
    /// <exception cref="ArgumentException">The file was written by another run.</exception>
    internal IReadOnlyDictionary<(string Type, int Member), MemberCheckpoint> Begin(string runKey)
    {
        _key = runKey;
        if (!Resume || !File.Exists(Path)) return _members;
        var (key, members) = FragmentCheckpointFile.Read(Path);
        if (key != runKey)
            throw new ArgumentException($"The checkpoint '{Path}' was written by a different training run (other settings, data or starting model): " +
                                        "give the options and data of that run to resume it, or delete the checkpoint (or drop --resume) to train afresh.");
        _members = members.ToDictionary(m => (m.Type, m.Member));
        Resumed = _members.Count;
        return _members;
    }

    /// <summary>Called by a member after each epoch; <paramref name="capture"/> runs (on the member's thread) only when that
    /// member's last state is an interval old.</summary>
    internal void Offer(string type, int member, Func<MemberCheckpoint> capture)
    {
        var now = _clock.Elapsed;
        lock (_lock)
            if (_left.TryGetValue((type, member), out var at) && now - at < Interval) return;
        Leave(capture(), now);
    }

    /// <summary>A finished member's final state (always kept).</summary>
    internal void Finished(MemberCheckpoint final) => Leave(final, _clock.Elapsed);

    /// <summary>Writes what the members left now (e.g. when training is cancelled).</summary>
    internal void Flush()
    {
        lock (_lock) Write(_clock.Elapsed);
    }

    /// <summary>Removes the file (once the model is written).</summary>
    public void Delete()
    {
        if (File.Exists(Path)) File.Delete(Path);
    }

    private void Leave(MemberCheckpoint m, TimeSpan now)
    {
        lock (_lock)
        {
            _members[(m.Type, m.Member)] = m;
            _left[(m.Type, m.Member)] = now;
            if (_written is not { } w || now - w >= Interval) Write(now);
        }
    }

    private void Write(TimeSpan now)
    {
        FragmentCheckpointFile.Write(Path, _key, _members.Values.OrderBy(m => m.Type, StringComparer.Ordinal).ThenBy(m => m.Member));
        _written = now;
    }

    /// <summary>What decides a run's result: the settings (but the parallelism), whether forces are fitted, the descriptor,
    /// and per type its untrained (or warm-started) networks and scaling and its split samples; as SHA-256 hex.</summary>
    internal static string RunKey(FragmentTrainingSettings settings, FragmentDescriptorSettings descriptor, bool forces,
                                  IReadOnlyList<FragmentTypeNetworks> types, IReadOnlyList<FragmentTrainer.TypeSplit> groups)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string s) => hash.AppendData(Encoding.UTF8.GetBytes(s + "\n"));
        void Numbers(ReadOnlySpan<double> x) => hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(x));
        Text(JsonSerializer.Serialize(FragmentTrainingSettingsDocument.From(settings with { MaxParallelism = 1 }),
                                      FragmentModelJson.Default.FragmentTrainingSettingsDocument));
        Text(JsonSerializer.Serialize(descriptor, FragmentModelJson.Default.FragmentDescriptorSettings));
        Text(forces ? "forces" : "energies");
        for (int t = 0; t < types.Count; t++)
        {
            Text(types[t].Type);
            Numbers(types[t].InputMean); Numbers(types[t].InputScale); Numbers([types[t].OutputMean, types[t].OutputScale]);
            foreach (var net in types[t].Members) Numbers(net.Parameters);
            foreach (var set in new[] { groups[t].Train, groups[t].Validation, groups[t].Test })
            {
                Text(set.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                foreach (var s in set)
                {
                    Numbers([s.Target, .. s.Numbers.Select(z => (double)z), .. s.Units.Select(u => (double)u)]);
                    foreach (var r in s.Positions) Numbers([r.X, r.Y, r.Z]);
                    foreach (var f in s.Forces ?? []) Numbers([f.X, f.Y, f.Z]);
                }
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
