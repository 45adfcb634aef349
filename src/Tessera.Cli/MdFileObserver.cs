using System.Globalization;
using System.Text;
using Tessera.Core;
using Tessera.Dynamics;
using Tessera.Fragments;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary>Appends MD snapshots to an extxyz trajectory and frames to a whitespace-separated log, flushing each
/// so an interrupted run can resume from what is on disk. Every snapshot carries the run's provenance
/// (<paramref name="stamp"/>: model, integrator, seed, ...); a fragment model's rows end with its counts
/// (<paramref name="fragments"/>, see <see cref="MdFragmentCounts"/>), and a frozen one's snapshots the units it keeps
/// (<see cref="FrozenUnitsSchema"/>), so a resumed run does not depend on the input file staying as it was.</summary>
internal sealed class MdFileObserver : IMdObserver, IDisposable
{
    private readonly StreamWriter _trajectory;
    private readonly StreamWriter _log;
    private readonly IReadOnlyDictionary<string, object> _stamp;
    private readonly MdFragmentCounts? _fragments;
    private readonly FragmentTrajectory? _units;
    private bool _headerWritten;

    public MdFileObserver(string trajectory, string log, IReadOnlyDictionary<string, object> stamp, MdFragmentCounts? fragments = null,
                          FragmentTrajectory? units = null)
    {
        _stamp = stamp;
        _units = units;
        _trajectory = new StreamWriter(trajectory, append: true, new UTF8Encoding(false));
        _headerWritten = File.Exists(log) && new FileInfo(log).Length > 0;
        // A resumed log begun without the counts (by an older Tessera) keeps the columns its header names.
        _fragments = _headerWritten && fragments is not null && !File.ReadLines(log).First().EndsWith(MdFragmentCounts.Header) ? null : fragments;
        _log = new StreamWriter(log, append: true, new UTF8Encoding(false));
    }

    public void OnSnapshot(Structure snapshot)
    {
        foreach (var (key, value) in _stamp) snapshot.Info[key] = value;
        if (_units?.FrozenUnits is { } frozen) FrozenUnitsSchema.Write(snapshot, frozen);
        ExtXyz.Write(_trajectory, snapshot);
        _trajectory.Flush();
    }

    public void OnFrame(MdFrame f)
    {
        if (!_headerWritten)
        {
            _log.WriteLine("# step time_fs E_pot_eV E_kin_eV E_total_eV T_K " + string.Join(" ", f.ElementTemperatures.Keys.Select(k => $"T_{k}_K")) +
                           (_fragments is null ? "" : MdFragmentCounts.Header));
            _headerWritten = true;
        }
        var line = string.Create(CultureInfo.InvariantCulture, $"{f.Step} {f.TimeFs:F3} {f.PotentialEnergy:F8} {f.KineticEnergy:F8} {f.TotalEnergy:F8} {f.Temperature:F2}");
        _log.WriteLine(line + string.Concat(f.ElementTemperatures.Values.Select(t => string.Create(CultureInfo.InvariantCulture, $" {t:F2}"))) +
                       _fragments?.Row());
        _log.Flush();
    }

    public void Dispose()
    {
        _trajectory.Dispose();
        _log.Dispose();
    }
}
