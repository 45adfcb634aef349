using System.Globalization;
using Tessera.Fragments;

namespace Tessera.Cli;

/// <summary>What <c>tessera md</c> logs and summarises for a fragment model: cumulative proton hops (unit
/// reassignments) and graph changes (edges entering or leaving the cutoff), since the energy of a fragment model
/// jumps where they happen, and the edges now inside the switching region. A resumed run continues the counts of
/// the log row it resumes from.</summary>
internal sealed class MdFragmentCounts
{
    /// <summary>The log columns, named as in the header.</summary>
    public const string HopsColumn = "hops_total", GraphColumn = "graph_changes_total", SwitchingColumn = "switching_edges";
    private const int ListedHops = 20;

    private readonly FragmentTrajectory _trajectory;
    private readonly long _firstCall, _firstStep, _graphBase;
    private readonly List<long> _hopSteps = [];
    private long _hops, _runHops;

    /// <param name="firstStep">The step of this run's first force call (the starting or resumed frame).</param>
    /// <param name="carried">Counts logged up to <paramref name="firstStep"/> by the run this one resumes, or null.</param>
    /// <param name="resumed">Whether this run resumes another (so <paramref name="carried"/> null means the log had none).</param>
    public MdFragmentCounts(FragmentTrajectory trajectory, long firstStep, (long Hops, long Graph)? carried, bool resumed)
    {
        _trajectory = trajectory;
        _firstCall = trajectory.Tracker.Calls + 1;
        _firstStep = firstStep;
        (_hops, _graphBase) = carried ?? (0, 0);
        Carried = carried is not null;
        Resumed = resumed;
        trajectory.Tracker.UnitsReassigned += OnHop;
    }

    public bool Carried { get; }
    public bool Resumed { get; }
    public long Hops => Interlocked.Read(ref _hops);
    public long GraphChanges => _graphBase + _trajectory.Graph.Changes;

    /// <summary>The log header's extra columns.</summary>
    public static string Header => $" {HopsColumn} {GraphColumn} {SwitchingColumn}";

    /// <summary>A log row's extra columns.</summary>
    public string Row() => string.Create(CultureInfo.InvariantCulture, $" {Hops} {GraphChanges} {_trajectory.Graph.SwitchingEdges}");

    private void OnHop(object? sender, UnitReassignment change)
    {
        // The resumed run's first call compares with the structure the trajectory began from: that net change was
        // counted, hop by hop, by the run that logged it. Every integrator makes one force call per step.
        if (change.Call <= _firstCall) return;
        long step = _firstStep + (change.Call - _firstCall);
        lock (_hopSteps)
        {
            if (_hopSteps.Count < ListedHops) _hopSteps.Add(step);
            _runHops++;
        }
        Interlocked.Increment(ref _hops);
    }

    /// <summary>"Fragments: 2 proton hops (steps 14, 31), 3 graph changes, 1 edge switching now".</summary>
    public string Summary()
    {
        long hops = Hops;
        string steps;
        lock (_hopSteps)
            steps = _hopSteps.Count == 0 ? ""
                : $" ({(Resumed ? "this run: " : "")}step{(_hopSteps.Count > 1 ? "s" : "")} {string.Join(", ", _hopSteps)}" +
                  (_runHops > _hopSteps.Count ? ", ..." : "") + ")";
        int switching = _trajectory.Graph.SwitchingEdges;
        string counted = !Resumed ? "" : Carried ? $"; counts continue the log's at step {_firstStep}"
            : $"; counted from step {_firstStep}, where this run resumed (the log holds no earlier counts)";
        return string.Create(CultureInfo.InvariantCulture,
            $"Fragments: {hops} proton hop{Plural(hops)}{steps}, {GraphChanges} graph change{Plural(GraphChanges)}, " +
            $"{switching} edge{Plural(switching)} switching now{counted}");
    }

    private static string Plural(long n) => n == 1 ? "" : "s";
}
