using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>FIRE (Bitzek et al. 2006), with ASE's defaults: damped dynamics whose velocity is mixed towards the
/// force while the power F.v stays positive, and which stops and restarts with a smaller step when it turns uphill.</summary>
public sealed class Fire(double dt = 0.1, double dtMax = 1.0, int nMin = 5, double fInc = 1.1, double fDec = 0.5,
                         double aStart = 0.1, double fA = 0.99) : IOptimizer
{
    private Vec3[]? _v;
    private readonly double _aStart = aStart;
    private double _dt = dt, _a = aStart;
    private int _positiveSteps;

    public string Name => "fire";

    public void Step(OptimizationState state, IPotential potential, double maxStep)
    {
        var f = state.Forces;
        _v ??= new Vec3[f.Length];
        double vf = 0, vv = 0, ff = 0;
        for (int i = 0; i < f.Length; i++) { vf += Vec3.Dot(_v[i], f[i]); vv += _v[i].LengthSquared; ff += f[i].LengthSquared; }
        if (vf > 0)
        {
            double mix = _a * Math.Sqrt(vv / Math.Max(ff, 1e-300));
            for (int i = 0; i < f.Length; i++) _v[i] = (1 - _a) * _v[i] + mix * f[i];
            if (++_positiveSteps > nMin) { _dt = Math.Min(_dt * fInc, dtMax); _a *= fA; }
        }
        else
        {
            Array.Clear(_v);
            _a = _aStart; _dt *= fDec; _positiveSteps = 0;
        }
        var dr = new Vec3[f.Length];
        for (int i = 0; i < f.Length; i++) { _v[i] += _dt * f[i]; dr[i] = _dt * _v[i]; }
        state.Displace(dr, maxStep);
        state.Update(potential);
    }
}
