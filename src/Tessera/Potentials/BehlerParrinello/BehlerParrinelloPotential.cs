using System.Collections.Concurrent;
using Tessera.Core;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>Result of a Behler-Parrinello evaluation: the usual result plus the number of symmetry-function
/// values outside their scaling range (n2p2's extrapolation warnings).</summary>
public sealed record BpnnResult(PotentialResult Result, int ExtrapolationWarnings);

/// <summary>A Behler-Parrinello potential: E = sum_i E_Z(i)(G_i) with one network per element, as n2p2
/// computes it, converted to eV and Angstrom. Atoms are evaluated in parallel (per-block workspaces,
/// no allocation per atom) and deterministically. Thread-safe.</summary>
public sealed class BehlerParrinelloPotential : IPotential
{
    private readonly ConcurrentBag<BpnnWorkspace> _pool = [];
    private long _extrapolations;

    public BpnnModel Model { get; }
    public string Name { get; }

    public bool GivesAtomEnergies => true;

    /// <summary>Threads used per evaluation (-1: all cores).</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
    /// <summary>Extrapolation warnings over all evaluations so far.</summary>
    public long TotalExtrapolationWarnings => Interlocked.Read(ref _extrapolations);

    public BehlerParrinelloPotential(BpnnModel model, string name = "bpnn")
    {
        Model = model;
        Name = name;
    }

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces) => Evaluate(structure, needs).Result;

    public BpnnResult Evaluate(Structure s, Needs needs = Needs.Forces)
    {
        int n = s.Count;
        foreach (int z in s.Numbers)
            if (Model.ElementIndex(z) < 0)
                throw new ArgumentException($"The model '{Name}' has no network for element {Element.FromNumber(z).Symbol}.");
        bool grad = (needs & (Needs.Forces | Needs.Virial)) != 0;
        var nl = NeighbourList.Build(s, Model.MaxCutoff * Model.LengthUnit * (1 + 1e-9));
        var atomOut = new double[n];
        // Fixed blocks of atoms, each with its own workspace, summed in block order: equal inputs give bit-identical
        // forces however threads are scheduled (so an MD run resumes exactly). Four blocks per thread balance the
        // elements' different costs and a core that other work slows.
        var used = FixedBlocks.For(n, MaxDegreeOfParallelism, 4, () => Rent(n), (i, ws) => atomOut[i] = EvaluateAtom(s, nl, i, grad, ws));
        return Assemble(s, needs, atomOut, used);
    }

    private BpnnWorkspace Rent(int atoms)
    {
        if (!_pool.TryTake(out var ws)) ws = new BpnnWorkspace(Model);
        ws.ResetSums(atoms);
        return ws;
    }

    private double EvaluateAtom(Structure s, NeighbourList nl, int i, bool grad, BpnnWorkspace ws)
    {
        int e = Model.ElementIndex(s.Numbers[i]);
        var em = Model.Elements[e];
        BpnnAtomEvaluator.FillEnvironment(Model, s, nl, i, ws);
        bool secondPass = grad && DescriptorPlan.SecondPass(em);
        BpnnAtomEvaluator.Descriptors(em, grad && !secondPass, ws);
        double output = BpnnAtomEvaluator.Network(Model, e, grad, ws);
        if (secondPass) BpnnAtomEvaluator.ChainGradient(em, i, ws);
        else if (grad) BpnnAtomEvaluator.ScatterGradient(i, em.Functions.Count, 1.0, ws);
        return output;
    }

    private BpnnResult Assemble(Structure s, Needs needs, double[] atomOut, BpnnWorkspace[] used)
    {
        int n = s.Count;
        var norm = Model.Normalisation;
        double eu = Model.EnergyUnit, toPhysical = 1.0 / norm.ConvEnergy;
        var atomEnergies = new double[n];
        double energy = 0;
        for (int i = 0; i < n; i++)
        {
            atomEnergies[i] = (atomOut[i] * toPhysical + norm.MeanEnergy + Model.ForElement(s.Numbers[i])!.EnergyOffset) * eu;
            energy += atomEnergies[i];
        }
        var gradient = new double[3 * n];
        var virial = new double[9];
        int extrapolations = 0;
        foreach (var ws in used)
        {
            for (int k = 0; k < gradient.Length && ws.Gradient.Length == gradient.Length; k++) gradient[k] += ws.Gradient[k];
            for (int k = 0; k < 9; k++) virial[k] += ws.Virial[k];
            extrapolations += ws.Extrapolations;
            _pool.Add(ws);
        }
        Interlocked.Add(ref _extrapolations, extrapolations);
        Vec3[]? forces = null;
        if ((needs & Needs.Forces) != 0)
        {
            double f = -toPhysical * eu / Model.LengthUnit;
            forces = new Vec3[n];
            for (int i = 0; i < n; i++) forces[i] = new Vec3(f * gradient[3 * i], f * gradient[3 * i + 1], f * gradient[3 * i + 2]);
        }
        Mat3? w = (needs & Needs.Virial) != 0 ? SymmetricVirial(virial, toPhysical * eu) : null;
        var result = new PotentialResult(energy, forces, w, (needs & Needs.AtomEnergies) != 0 ? atomEnergies : null);
        return new BpnnResult(result, extrapolations);
    }

    private static Mat3 SymmetricVirial(double[] v, double scale)
    {
        double S(int a, int b) => 0.5 * scale * (v[3 * a + b] + v[3 * b + a]);
        return new Mat3(new(S(0, 0), S(0, 1), S(0, 2)), new(S(1, 0), S(1, 1), S(1, 2)), new(S(2, 0), S(2, 1), S(2, 2)));
    }
}
