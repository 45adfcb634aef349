using System.Runtime.CompilerServices;
using Tessera.Core;
using Tessera.Descriptors;
using Tessera.Networks;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>Evaluates one atom of a Behler-Parrinello model: environment, symmetry functions with
/// derivatives, scaling, network, and (for forces) the chain rule back to neighbour positions.
/// Shared by prediction and training so both run the same code.</summary>
internal static class BpnnAtomEvaluator
{
    /// <summary>Fills the environment of atom i in model length units from the neighbour list (Angstrom).</summary>
    public static void FillEnvironment(BpnnModel model, Structure s, NeighbourList nl, int i, BpnnWorkspace ws)
    {
        var env = ws.Env;
        env.Clear();
        double inv = 1.0 / model.LengthUnit, rc = model.MaxCutoff;
        var idx = nl.NeighboursOf(i); var d = nl.DisplacementsOf(i);
        for (int n = 0; n < idx.Length; n++)
        {
            double x = d[n].X * inv, y = d[n].Y * inv, z = d[n].Z * inv;
            double r = Math.Sqrt(x * x + y * y + z * z);
            if (r < rc) env.Add(idx[n], s.Numbers[idx[n]], x, y, z, r);
        }
    }

    /// <summary>Computes scaled inputs into ws.Input and, with derivatives, dG/dr into ws.DNeighbours/DCentre.
    /// Functions run as groups sharing their neighbour selection (one pass over the neighbours or pairs each);
    /// dG_f/dr_j lies at DNeighbours[j * 3 nf + 3 f ..] (neighbour-major).</summary>
    public static void Descriptors(ElementModel em, bool derivatives, BpnnWorkspace ws)
    {
        int nf = em.Functions.Count, n = ws.Env.Count;
        var dn = derivatives ? ws.Derivatives(nf, n) : Span<double>.Empty;
        foreach (var group in DescriptorPlan.For(em))
            group.Compute(ws.Env, derivatives, dn, 3 * nf, ws.G);
        if (derivatives) SymmetryFunctionGroup.CentreDerivatives(dn, 3 * nf, n, nf, ws.DCentre);
        for (int f = 0; f < nf; f++)
        {
            var scaling = em.Scalings[f];
            if (scaling.IsExtrapolation(ws.G[f])) ws.Extrapolations++;
            ws.Input[f] = scaling.Apply(ws.G[f]);
        }
    }

    /// <summary>Network output for the current inputs; with forces, dE/dG into ws.DEdInput (raw G).</summary>
    public static double Network(BpnnModel model, int elementIndex, bool forces, BpnnWorkspace ws)
    {
        var em = model.Elements[elementIndex];
        var net = em.Network; var nws = ws.Networks[elementIndex];
        int nf = em.Functions.Count;
        double e = net.Forward(ws.Input.AsSpan(0, nf), nws)[0];
        if (!forces) return e;
        ReadOnlySpan<double> seed = [1.0];
        net.InputGradient(nws, seed, ws.DEdInput.AsSpan(0, nf));
        for (int f = 0; f < nf; f++) ws.DEdInput[f] *= em.Scalings[f].Factor;
        return e;
    }

    /// <summary>Adds weight * sum_f c_f dG_f/dr to the gradient of atom i and its neighbours (and the virial),
    /// c_f taken from ws.DEdInput, from the stored derivatives (see <see cref="Descriptors"/>).</summary>
    public static void ScatterGradient(int i, int functions, double weight, BpnnWorkspace ws)
    {
        int n3f = 3 * functions;
        var c = ws.DEdInput.AsSpan(0, functions);
        var g = ws.NeighbourGradient(ws.Env.Count);
        for (int n = 0; n < ws.Env.Count; n++)
        {
            var block = ws.DNeighbours.AsSpan(n * n3f, n3f);
            double gx = 0, gy = 0, gz = 0;
            for (int f = 0; f < c.Length; f++)
            {
                double cf = c[f];
                gx += cf * block[3 * f]; gy += cf * block[3 * f + 1]; gz += cf * block[3 * f + 2];
            }
            g[3 * n] = weight * gx; g[3 * n + 1] = weight * gy; g[3 * n + 2] = weight * gz;
        }
        Scatter(i, g, ws);
    }

    /// <summary>As <see cref="ScatterGradient"/> with weight 1, without stored derivatives: a second pass of each group
    /// over its neighbours or pairs (<see cref="SymmetryFunctionGroup.Gradient"/>) after <see cref="Descriptors"/>
    /// without derivatives and <see cref="Network"/> with forces.</summary>
    public static void ChainGradient(ElementModel em, int i, BpnnWorkspace ws)
    {
        var g = ws.NeighbourGradient(ws.Env.Count);
        var c = ws.DEdInput.AsSpan(0, em.Functions.Count);
        foreach (var group in DescriptorPlan.For(em)) group.Gradient(ws.Env, c, g);
        Scatter(i, g, ws);
    }

    /// <summary>Adds the per-neighbour gradients g (3 per neighbour) to the neighbours and the virial; the centre gets
    /// minus their sum (translation invariance).</summary>
    private static void Scatter(int i, ReadOnlySpan<double> g, BpnnWorkspace ws)
    {
        var env = ws.Env;
        var grad = ws.Gradient; var w = ws.Virial;
        double cx = 0, cy = 0, cz = 0;
        for (int n = 0; n < env.Count; n++)
        {
            double gx = g[3 * n], gy = g[3 * n + 1], gz = g[3 * n + 2];
            cx -= gx; cy -= gy; cz -= gz;
            int j = env.Atom[n];
            grad[3 * j] += gx; grad[3 * j + 1] += gy; grad[3 * j + 2] += gz;
            double dx = env.Dx[n], dy = env.Dy[n], dz = env.Dz[n];
            w[0] -= dx * gx; w[1] -= dx * gy; w[2] -= dx * gz;
            w[3] -= dy * gx; w[4] -= dy * gy; w[5] -= dy * gz;
            w[6] -= dz * gx; w[7] -= dz * gy; w[8] -= dz * gz;
        }
        grad[3 * i] += cx; grad[3 * i + 1] += cy; grad[3 * i + 2] += cz;
    }
}

/// <summary>An element's functions as groups, built once per model element.</summary>
internal static class DescriptorPlan
{
    private static readonly ConditionalWeakTable<ElementModel, SymmetryFunctionGroup[]> Plans = [];

    public static SymmetryFunctionGroup[] For(ElementModel em) => Plans.GetValue(em, e => SymmetryFunctionGroup.Build(e.Functions));

    /// <summary>Whether forces should come from the groups' second pass (<see cref="BpnnAtomEvaluator.ChainGradient"/>)
    /// rather than stored derivatives. The second pass repeats each pair's geometry, cutoff and exponentials but spends
    /// almost nothing per member; storing costs a dozen multiply-adds and stores per member and pair. With few members
    /// per group storing wins (H2O_RPBE-D3, about 5 per group, ran 1.5x slower with two passes; Cu2S_PBE, 13, and
    /// Anisole_SCAN, 39, run faster with them).</summary>
    public static bool SecondPass(ElementModel em) => em.Functions.Count >= MembersPerGroupForSecondPass * For(em).Length;

    private const int MembersPerGroupForSecondPass = 8;
}
