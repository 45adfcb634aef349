using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>Limited-memory BFGS (two-loop recursion, Nocedal and Wright alg. 7.4) with a scalar initial inverse
/// Hessian 1/alpha (alpha in eV/A^2, ASE's 70) and no line search: the step is capped, and the memory is
/// reset when the energy rises or the direction is not downhill.</summary>
public sealed class Lbfgs(int memory = 20, double alpha = 70.0) : IOptimizer
{
    private readonly LbfgsMemory _memory = new(memory);
    private double[]? _lastX, _lastG;
    private double _lastEnergy = double.PositiveInfinity;

    public string Name => "lbfgs";

    public void Step(OptimizationState state, IPotential potential, double maxStep)
    {
        var x = Vec3.AsDoubles(state.Structure.Positions.AsSpan()).ToArray();
        var g = Vec3.AsDoubles(state.Forces.AsSpan()).ToArray();
        for (int i = 0; i < g.Length; i++) g[i] = -g[i];
        if (state.Energy > _lastEnergy) _memory.Clear();
        else Remember(x, g);
        var d = _memory.Direction(g, 1 / alpha);
        if (LbfgsMemory.Dot(d, g) >= 0) { _memory.Clear(); d = _memory.Direction(g, 1 / alpha); }
        _lastX = x; _lastG = g; _lastEnergy = state.Energy;
        var dr = new Vec3[state.Structure.Count];
        d.CopyTo(Vec3.AsDoubles(dr.AsSpan()));
        state.Displace(dr, maxStep);
        state.Update(potential);
    }

    private void Remember(double[] x, double[] g)
    {
        if (_lastX is null || _lastG is null) return;
        var s = new double[x.Length]; var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++) { s[i] = x[i] - _lastX[i]; y[i] = g[i] - _lastG[i]; }
        _memory.Add(s, y);
    }
}
