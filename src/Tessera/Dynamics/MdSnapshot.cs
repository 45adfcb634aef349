using Tessera.Core;

namespace Tessera.Dynamics;

/// <summary>Converts between an MD state and a self-contained trajectory frame, so a run can resume from the
/// last frame of its trajectory. A frame carries `momenta` (ASE's units, amu A / ASE time unit, so ASE reads them),
/// `forces` (eV/A), and info `step`, `time` (fs) and `energy` (potential, eV).</summary>
public static class MdSnapshot
{
    public const string MomentaKey = "momenta";
    /// <summary>Alternative input key: velocities in A/fs.</summary>
    public const string VelocitiesKey = "velocities";
    public const string StepKey = "step";
    public const string TimeKey = "time";

    /// <summary>The frame of the state now. The state's velocities become those the frame's momenta give back
    /// (they differ in the last bit at most), so a run resumed from the frame continues bit for bit like this one.</summary>
    public static Structure Capture(MdState state)
    {
        var s = state.Structure.Clone();
        var p = new Vec3[s.Count];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = (state.Masses[i] * Units.AseTimeFs) * state.Velocities[i];
            state.Velocities[i] = FromMomentum(p[i], state.Masses[i]);
        }
        s.Arrays[MomentaKey] = PerAtomArray.Vectors(p);
        s.Arrays["forces"] = PerAtomArray.Vectors(state.Forces);
        s.Info[StepKey] = state.Step;
        s.Info[TimeKey] = state.TimeFs;
        s.Info["energy"] = state.PotentialEnergy;
        return s;
    }

    /// <summary>Velocities (A/fs) stored in a frame, or null when it has neither momenta nor velocities.</summary>
    public static Vec3[]? Velocities(Structure s)
    {
        if (s.Arrays.TryGetValue(MomentaKey, out var p))
        {
            var m = Kinetics.Masses(s);
            var v = p.AsVectors();
            for (int i = 0; i < v.Length; i++) v[i] = FromMomentum(v[i], m[i]);
            return v;
        }
        return s.Arrays.TryGetValue(VelocitiesKey, out var vel) ? vel.AsVectors() : null;
    }

    private static Vec3 FromMomentum(Vec3 p, double mass) => p / (mass * Units.AseTimeFs);

    /// <summary>Step and time stored in a frame (0 when absent). A step that is not a whole non-negative number, or a
    /// time that is not a finite number, is refused with a message naming <paramref name="source"/> and the key.</summary>
    public static (long Step, double TimeFs) Clock(Structure s, string source = "the frame")
    {
        long step = s.Info.TryGetValue(StepKey, out var st) ? WholeStep(st, source) : 0;
        double time = s.Info.TryGetValue(TimeKey, out var t) ? FiniteTime(t, source) : 0;
        return (step, time);
    }

    private static long WholeStep(object value, string source) => value switch
    {
        long n and >= 0 => n,
        double d when d >= 0 && d <= long.MaxValue && Math.Floor(d) == d => (long)d,
        _ => throw new FormatException($"{source}: info key '{StepKey}' must be a whole non-negative number of steps, got '{Text(value)}'."),
    };

    private static double FiniteTime(object value, string source) => value switch
    {
        long n => n,
        double d when double.IsFinite(d) => d,
        _ => throw new FormatException($"{source}: info key '{TimeKey}' must be a finite time in fs, got '{Text(value)}'."),
    };

    private static string Text(object value) => value is System.Collections.IEnumerable e and not string
        ? string.Join(' ', e.Cast<object>().Select(x => Convert.ToString(x, System.Globalization.CultureInfo.InvariantCulture)))
        : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>A state that continues the run a frame was captured from (velocities, step and time restored).</summary>
    public static MdState Resume(Structure frame, string source = "the frame")
    {
        var v = Velocities(frame) ?? throw new ArgumentException($"{source}: the last frame has no momenta or velocities to resume from.");
        var (step, time) = Clock(frame, source);
        var clean = frame.WithPositions((Vec3[])frame.Positions.Clone());
        return MdState.Create(clean, v, momentumFixed: true, step, time);
    }
}
