using Tessera.Core;

namespace Tessera.Fragments;

/// <summary>The unit-assignment history of one trajectory (an MD run, an optimisation, an i-PI session): compares
/// each step's units with the previous step's, counts and reports changes (proton hops), and applies the
/// reassignment policy: <see cref="ReassignmentPolicy.Throw"/> refuses a change, <see cref="ReassignmentPolicy.Freeze"/>
/// keeps the first step's units for the whole trajectory. Owned by the run, so the potential itself stays pure.</summary>
public sealed class UnitTracker(ReassignmentPolicy policy, double bondTolerance)
{
    private readonly object _gate = new();
    private int[][]? _first, _last;
    private long _calls, _reassignments;

    public ReassignmentPolicy Policy { get; } = policy;

    /// <summary>Raised (on the calling thread) when the unit assignment differs from the previous step's.</summary>
    public event EventHandler<UnitReassignment>? UnitsReassigned;

    /// <summary>Number of assignments asked for so far (<see cref="UnitReassignment.Call"/> counts the same calls).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Number of steps that saw a unit assignment different from the previous step's.</summary>
    public long Reassignments => Interlocked.Read(ref _reassignments);

    /// <summary>The first step's units (what freeze keeps), or null before the first step.</summary>
    public int[][]? First { get { lock (_gate) return _first; } }

    /// <summary>Starts the history from <paramref name="units"/> as if a step had found them (a resumed run's stored
    /// assignment). Ignored when the history has begun.</summary>
    public void Begin(int[][] units)
    {
        lock (_gate)
        {
            if (_first is not null) return;
            Interlocked.Increment(ref _calls);
            _first = _last = units;
        }
    }

    /// <summary>The units to assemble <paramref name="s"/> with at this step: its own, or the first step's when frozen.</summary>
    /// <exception cref="UnitReassignmentException">The units changed and the policy is <see cref="ReassignmentPolicy.Throw"/>.</exception>
    public int[][] Assign(Structure s)
    {
        var groups = UnitFinder.Group(s, bondTolerance);
        UnitReassignment? change;
        int[][] first;
        lock (_gate)
        {
            long call = Interlocked.Increment(ref _calls);
            change = _last is null ? null : UnitReassignment.Compare(call, s.Numbers, _last, groups);
            first = _first ??= groups;
            if (change is not null) Interlocked.Increment(ref _reassignments);
            if (change is null || Policy != ReassignmentPolicy.Throw) _last = groups;
        }
        if (change is not null)
        {
            UnitsReassigned?.Invoke(this, change);
            if (Policy == ReassignmentPolicy.Throw) throw new UnitReassignmentException(change);
        }
        return Policy == ReassignmentPolicy.Freeze ? first : groups;
    }
}
