using Tessera.Core;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>A labelled training structure in the model's normalised units: reference energy with offsets
/// removed, reference forces, and its neighbour list (built once).</summary>
internal sealed class BpnnSample
{
    public required Structure Structure { get; init; }
    public required NeighbourList Neighbours { get; init; }
    public required double Energy { get; init; }
    public double[]? Forces { get; init; }

    public static BpnnSample From(BpnnModel model, Structure s)
    {
        var norm = model.Normalisation;
        double offsets = s.Numbers.Sum(z => model.ForElement(z)?.EnergyOffset
            ?? throw new ArgumentException($"The model has no network for {Element.FromNumber(z).Symbol}."));
        double e = s.Energy ?? throw new ArgumentException("Every training structure needs an energy.");
        double[]? f = null;
        if (s.Forces is { } forces)
        {
            double c = norm.ConvEnergy * model.LengthUnit / model.EnergyUnit;
            f = new double[3 * s.Count];
            for (int i = 0; i < s.Count; i++) { f[3 * i] = c * forces[i].X; f[3 * i + 1] = c * forces[i].Y; f[3 * i + 2] = c * forces[i].Z; }
        }
        return new BpnnSample
        {
            Structure = s,
            Neighbours = NeighbourList.Build(s, model.MaxCutoff * model.LengthUnit * (1 + 1e-9)),
            Energy = (e / model.EnergyUnit - offsets - s.Count * norm.MeanEnergy) * norm.ConvEnergy,
            Forces = f,
        };
    }
}

/// <summary>Squared errors summed over structures: energy per atom and force components (normalised units), and
/// the weighted loss of each structure (whose mean the parameter gradient belongs to).</summary>
internal sealed class BpnnErrors
{
    public double EnergySquared, ForceSquared, Loss;
    public long Structures, ForceComponents;

    public void Add(BpnnErrors o)
    {
        EnergySquared += o.EnergySquared; ForceSquared += o.ForceSquared; Loss += o.Loss;
        Structures += o.Structures; ForceComponents += o.ForceComponents;
    }

    /// <summary>(energy meV/atom, force meV/A) RMSE.</summary>
    public (double Energy, double Force) Rmse(BpnnModel m)
    {
        double toEv = m.EnergyUnit / m.Normalisation.ConvEnergy;
        double e = Structures > 0 ? Math.Sqrt(EnergySquared / Structures) * toEv * 1000 : double.NaN;
        double f = ForceComponents > 0 ? Math.Sqrt(ForceSquared / ForceComponents) * toEv / m.LengthUnit * 1000 : double.NaN;
        return (e, f);
    }
}

/// <summary>Loss of one structure and its gradient with respect to all network parameters:
/// L = wE ((E - E_ref)/N)^2 + wF/(3N) sum |F - F_ref|^2. Two passes over the atoms: the first gives the
/// energy and forces, the second back-propagates the energy error and, through the network's tangent along
/// the force residuals' projection on dG/dr, the force error.</summary>
internal static class BpnnLossGradient
{
    public static void Accumulate(BpnnModel model, BpnnSample sample, double wE, double wF, BpnnWorkspace ws,
                                  double[][] gradients, BpnnErrors errors, bool gradient = true)
    {
        var s = sample.Structure;
        int n = s.Count;
        bool forces = sample.Forces is not null && (wF > 0 || !gradient);
        ws.ResetSums(n);
        double energy = 0;
        for (int i = 0; i < n; i++)
        {
            int e = model.ElementIndex(s.Numbers[i]);
            BpnnAtomEvaluator.FillEnvironment(model, s, sample.Neighbours, i, ws);
            BpnnAtomEvaluator.Descriptors(model.Elements[e], forces, ws);
            energy += BpnnAtomEvaluator.Network(model, e, forces, ws);
            if (forces) BpnnAtomEvaluator.ScatterGradient(i, model.Elements[e].Functions.Count, 1.0, ws);
        }
        double de = (energy - sample.Energy) / n;
        errors.EnergySquared += de * de; errors.Structures++;
        errors.Loss += wE * de * de;
        var residual = ws.Gradient; // becomes F - F_ref in place
        if (forces)
        {
            double squared = 0;
            for (int k = 0; k < 3 * n; k++)
            {
                residual[k] = -residual[k] - sample.Forces![k];
                squared += residual[k] * residual[k];
            }
            errors.ForceSquared += squared; errors.ForceComponents += 3 * n;
            errors.Loss += wF * squared / (3.0 * n);
        }
        if (!gradient) return;
        double cE = 2 * wE * de / n, cF = -2 * wF / (3.0 * n);
        Span<double> valueSeed = [cE];
        Span<double> tangentSeed = [cF];
        for (int i = 0; i < n; i++)
        {
            int e = model.ElementIndex(s.Numbers[i]);
            var em = model.Elements[e];
            var nws = ws.Networks[e];
            BpnnAtomEvaluator.FillEnvironment(model, s, sample.Neighbours, i, ws);
            BpnnAtomEvaluator.Descriptors(em, forces && wF > 0, ws);
            int nf = em.Functions.Count;
            em.Network.Forward(ws.Input.AsSpan(0, nf), nws);
            if (forces && wF > 0)
            {
                Direction(em, i, residual, ws);
                em.Network.Tangent(nws, ws.DEdInput.AsSpan(0, nf));
                em.Network.AccumulateParameterGradient(nws, valueSeed, tangentSeed, gradients[e]);
            }
            else em.Network.AccumulateParameterGradient(nws, valueSeed, [], gradients[e]);
        }
    }

    /// <summary>v_f = scale_f * (sum_j res_j . dG_f/dr_j + res_i . dG_f/dr_i), into ws.DEdInput.</summary>
    private static void Direction(ElementModel em, int i, double[] residual, BpnnWorkspace ws)
    {
        var env = ws.Env;
        int nf = em.Functions.Count, n3f = 3 * nf;
        var v = ws.DEdInput.AsSpan(0, nf);
        for (int f = 0; f < nf; f++)
            v[f] = residual[3 * i] * ws.DCentre[3 * f] + residual[3 * i + 1] * ws.DCentre[3 * f + 1] + residual[3 * i + 2] * ws.DCentre[3 * f + 2];
        // Neighbour-major derivatives: each neighbour's block holds dG_f/dr_j for every f.
        for (int m = 0; m < env.Count; m++)
        {
            int j = env.Atom[m];
            double rx = residual[3 * j], ry = residual[3 * j + 1], rz = residual[3 * j + 2];
            var block = ws.DNeighbours.AsSpan(m * n3f, n3f);
            for (int f = 0; f < nf; f++) v[f] += rx * block[3 * f] + ry * block[3 * f + 1] + rz * block[3 * f + 2];
        }
        for (int f = 0; f < nf; f++) v[f] *= em.Scalings[f].Factor;
    }
}
