namespace Tessera.Descriptors;

/// <summary>Polynomial radial functions (types 20 and 23) of one neighbour element: per neighbour the distance
/// and 1/r once, then each member whose support (r_l, r_c) holds r evaluates its compact function.</summary>
internal sealed class CompactRadialGroup : SymmetryFunctionGroup
{
    private readonly CompactFunction[] _radial;
    private readonly bool _weighted;
    private readonly int _element;
    private readonly double _upper;

    public CompactRadialGroup(CompactRadialFunction[] members, int[] slots) : base(slots)
    {
        _radial = [.. members.Select(m => m.Radial)];
        _weighted = members[0].IsWeighted; _element = members[0].Neighbour;
        _upper = _radial.Max(c => c.Right);
    }

    public override void Compute(AtomEnvironment env, bool derivatives, Span<double> dn, int stride, Span<double> values)
    {
        var v = new Visitor { Group = this, Out = new GroupOutput(env, derivatives, dn, stride, values, Slots) };
        NeighbourPairs.Each(env, _weighted, _element, ref v);
    }

    public override void Gradient(AtomEnvironment env, ReadOnlySpan<double> coefficients, Span<double> gradient)
    {
        var v = new Visitor { Group = this, Out = GroupOutput.ForGradient(env, coefficients, gradient, Slots) };
        NeighbourPairs.Each(env, _weighted, _element, ref v);
    }

    private ref struct Visitor : INeighbourVisitor
    {
        public CompactRadialGroup Group;
        public GroupOutput Out;
        public void Visit(int j, double weight) => Group.Neighbour(ref Out, j, weight);
    }

    private void Neighbour(ref GroupOutput o, int j, double w)
    {
        var env = o.Env;
        double r = env.R[j];
        if (r >= _upper) return;
        double invR = env.InvR[j];
        var slots = Slots;
        double chain = 0;
        for (int m = 0; m < slots.Length; m++)
        {
            ref readonly var c = ref _radial[m];
            if (!c.Holds(r)) continue;
            c.Evaluate(r, out double f, out double df);
            if (o.Chain) { chain += o.Coefficients[slots[m]] * w * df; continue; }
            o.Values[slots[m]] += w * f;
            if (o.Derivatives) NeighbourPairs.Add(ref o.At(slots[m], j), w * df * invR, env.Dx[j], env.Dy[j], env.Dz[j]);
        }
        if (o.Chain) NeighbourPairs.Add(ref o.Neighbour(j), chain * invR, env.Dx[j], env.Dy[j], env.Dz[j]);
    }
}
