using Tessera.Core;

namespace Tessera.Potentials;

/// <summary>The sum of several potentials (e.g. a network plus dispersion): every quantity adds.</summary>
public sealed class SumPotential(IReadOnlyList<IPotential> terms) : IPotential
{
    public IReadOnlyList<IPotential> Terms { get; } = terms.Count > 0 ? terms : throw new ArgumentException("A sum needs at least one term.");

    public string Name => string.Join(" + ", Terms.Select(t => t.Name));

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces)
    {
        int n = structure.Count;
        double energy = 0;
        Vec3[]? forces = needs.HasFlag(Needs.Forces) ? new Vec3[n] : null;
        Mat3 virial = Mat3.Zero;
        double[]? atomEnergies = needs.HasFlag(Needs.AtomEnergies) ? new double[n] : null;
        foreach (var term in Terms)
        {
            var r = term.Compute(structure, needs);
            energy += r.Energy;
            if (forces is not null)
            {
                var f = r.RequireForces();
                for (int i = 0; i < n; i++) forces[i] += f[i];
            }
            if (needs.HasFlag(Needs.Virial))
                virial += r.Virial ?? throw new InvalidOperationException($"{term.Name} did not return a virial.");
            if (atomEnergies is not null)
            {
                var e = r.AtomEnergies ?? throw new InvalidOperationException($"{term.Name} did not return per-atom energies.");
                for (int i = 0; i < n; i++) atomEnergies[i] += e[i];
            }
        }
        return new PotentialResult(energy, forces, needs.HasFlag(Needs.Virial) ? virial : null, atomEnergies);
    }
}
