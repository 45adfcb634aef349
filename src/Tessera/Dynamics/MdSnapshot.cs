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

    public static Structure Capture(MdState state)
    {
        var s = state.Structure.Clone();
        var p = new Vec3[s.Count];
        for (int i = 0; i < p.Length; i++) p[i] = (state.Masses[i] * Units.AseTimeFs) * state.Velocities[i];
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
            for (int i = 0; i < v.Length; i++) v[i] = v[i] / (m[i] * Units.AseTimeFs);
            return v;
        }
        return s.Arrays.TryGetValue(VelocitiesKey, out var vel) ? vel.AsVectors() : null;
    }

    /// <summary>Step and time stored in a frame (0 when absent).</summary>
    public static (long Step, double TimeFs) Clock(Structure s)
    {
        long step = s.Info.TryGetValue(StepKey, out var st) ? Convert.ToInt64(st, System.Globalization.CultureInfo.InvariantCulture) : 0;
        double time = s.Info.TryGetValue(TimeKey, out var t) ? Convert.ToDouble(t, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (step, time);
    }

    /// <summary>A state that continues the run a frame was captured from (velocities, step and time restored).</summary>
    public static MdState Resume(Structure frame)
    {
        var v = Velocities(frame) ?? throw new ArgumentException("The frame has no momenta or velocities to resume from.");
        var (step, time) = Clock(frame);
        var clean = frame.WithPositions((Vec3[])frame.Positions.Clone());
        return MdState.Create(clean, v, momentumFixed: true, step, time);
    }
}
