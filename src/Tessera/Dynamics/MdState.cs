using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>The evolving state of a molecular dynamics run. The structure's positions (A) are updated in place;
/// velocities in A/fs, forces in eV/A, energies in eV, time in fs.</summary>
public sealed class MdState
{
    public Structure Structure { get; }
    public double[] Masses { get; }
    public Vec3[] Velocities { get; }
    public Vec3[] Forces { get; private set; }
    public double PotentialEnergy { get; private set; }
    public long Step { get; set; }
    public double TimeFs { get; set; }
    /// <summary>Degrees of freedom used for the temperature (3N - 3 when the total momentum is held at zero).</summary>
    public int DegreesOfFreedom { get; }
    /// <summary>True when the total momentum is held at zero (3 degrees of freedom removed).</summary>
    public bool MomentumFixed => DegreesOfFreedom < 3 * Structure.Count;

    private MdState(Structure structure, double[] masses, Vec3[] velocities, int dof)
    {
        Structure = structure;
        Masses = masses;
        Velocities = velocities;
        DegreesOfFreedom = dof;
        Forces = new Vec3[structure.Count];
    }

    /// <summary>Starts from a structure with the given velocities (copied; null: at rest). The structure is copied.</summary>
    public static MdState Create(Structure structure, Vec3[]? velocities, bool momentumFixed = true, long step = 0, double timeFs = 0)
    {
        var s = structure.Clone();
        var v = velocities is null ? new Vec3[s.Count] : (Vec3[])velocities.Clone();
        if (v.Length != s.Count) throw new ArgumentException($"{v.Length} velocities for {s.Count} atoms.");
        return new MdState(s, Kinetics.Masses(s), v, Kinetics.DegreesOfFreedom(s.Count, momentumFixed))
        {
            Step = step, TimeFs = timeFs,
        };
    }

    public double KineticEnergy => Kinetics.KineticEnergy(Masses, Velocities);
    public double TotalEnergy => PotentialEnergy + KineticEnergy;
    public double Temperature => Kinetics.Temperature(KineticEnergy, DegreesOfFreedom);

    /// <summary>Evaluates the potential at the current positions and stores energy and forces.</summary>
    public void UpdateForces(IPotential potential)
    {
        var r = potential.Compute(Structure, Needs.Forces);
        if (!r.AllFinite) r.RequireFinite(potential.Name, $"MD step {Step}");
        var f = r.RequireForces();
        if (f.Length != Structure.Count) throw new InvalidOperationException($"{potential.Name} returned {f.Length} forces for {Structure.Count} atoms.");
        Forces = f;
        PotentialEnergy = r.Energy;
    }

    /// <summary>v += (dt * scale) F / m, in A/fs (the "B" step).</summary>
    public void Kick(double dtFs)
    {
        double c = dtFs / Kinetics.AmuA2PerFs2InEv;
        for (int i = 0; i < Velocities.Length; i++) Velocities[i] += (c / Masses[i]) * Forces[i];
    }

    /// <summary>r += dt v (the "A" step).</summary>
    public void Drift(double dtFs)
    {
        var r = Structure.Positions;
        for (int i = 0; i < r.Length; i++) r[i] += dtFs * Velocities[i];
    }
}
