using Tessera.Descriptors;
using Tessera.Networks;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>Per-thread buffers for evaluating atoms of one model: the environment, raw and scaled symmetry
/// functions, their derivatives per neighbour, network workspaces and the thread's share of the gradient.</summary>
internal sealed class BpnnWorkspace
{
    public AtomEnvironment Env { get; } = new();
    public double[] G { get; }
    public double[] Input { get; }
    public double[] DEdInput { get; }
    public double[] DCentre { get; }
    public double[] DNeighbours { get; private set; } = new double[4096];
    public NetworkWorkspace[] Networks { get; }
    /// <summary>dE/dr (model units, before normalisation) summed over this thread's atoms, 3 per atom.</summary>
    public double[] Gradient { get; private set; } = [];
    /// <summary>-sum d (x) dE/dr over this thread's pairs, row-major 3x3.</summary>
    public double[] Virial { get; } = new double[9];
    public int Extrapolations { get; set; }

    public BpnnWorkspace(BpnnModel model)
    {
        int maxF = model.Elements.Max(e => e.Functions.Count);
        G = new double[maxF]; Input = new double[maxF]; DEdInput = new double[maxF]; DCentre = new double[3 * maxF];
        Networks = model.Elements.Select(e => e.Network.CreateWorkspace()).ToArray();
    }

    public void ResetSums(int atoms)
    {
        if (Gradient.Length != 3 * atoms) Gradient = new double[3 * atoms];
        else Array.Clear(Gradient);
        Array.Clear(Virial);
        Extrapolations = 0;
    }

    private double[] _perNeighbour = new double[192];

    /// <summary>3 doubles per neighbour (sum_f c_f dG_f/dr_j), zeroed.</summary>
    public Span<double> NeighbourGradient(int neighbours)
    {
        if (_perNeighbour.Length < 3 * neighbours) _perNeighbour = new double[Math.Max(3 * neighbours, 2 * _perNeighbour.Length)];
        var span = _perNeighbour.AsSpan(0, 3 * neighbours);
        span.Clear();
        return span;
    }

    /// <summary>Derivative storage for neighbours x functions (neighbour-major, 3 per entry), zeroed.</summary>
    public Span<double> Derivatives(int functions, int neighbours)
    {
        int size = functions * 3 * neighbours;
        if (DNeighbours.Length < size) DNeighbours = new double[Math.Max(size, 2 * DNeighbours.Length)];
        var span = DNeighbours.AsSpan(0, size);
        span.Clear();
        Array.Clear(DCentre, 0, 3 * functions);
        return span;
    }
}
