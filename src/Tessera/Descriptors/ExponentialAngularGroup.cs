namespace Tessera.Descriptors;

/// <summary>Geometry of one neighbour pair (j, k) of the central atom, shared by the angular functions of a group.</summary>
internal struct PairGeometry
{
    public int J, K;
    public double Rij, Rik, Rjk, Cos, Inv, W, Fij, DFij, Fik, DFik, Fjk, DFjk, Jx, Jy, Jz;
}

/// <summary>Evaluates exponential angular functions that share type, neighbour elements and cutoff in one
/// pass over the neighbour pairs (n2p2's symmetry-function groups): distances, cosines and cutoff values are
/// computed once per pair and each member adds its own term. Results equal the functions' one-by-one values.</summary>
internal static class ExponentialAngularGroup
{
    /// <param name="slots">Storage slot of each member: its value at values[slot], its neighbour derivatives at
    /// dn[slot * stride ..], its centre derivative at dc[3 slot ..].</param>
    public static void Compute(ReadOnlySpan<ExponentialAngularFunction> members, ReadOnlySpan<int> slots, AtomEnvironment env,
                               bool derivatives, Span<double> dn, int stride, Span<double> dc, Span<double> values)
    {
        var f0 = members[0];
        var cutoff = f0.CutoffFunction;
        var (fc, dfc) = env.CutoffValues(cutoff);
        double rc = cutoff.Radius;
        var r = env.R;
        foreach (int slot in slots) values[slot] = 0;
        var ctx = new Context(members, slots, env, derivatives, dn, stride, dc, values, fc, dfc);
        if (f0.IsWeighted)
        {
            int n = env.Count;
            for (int j = 0; j < n - 1; j++)
            {
                if (r[j] >= rc) continue;
                for (int k = j + 1; k < n; k++) if (r[k] < rc) Pair(ref ctx, j, k);
            }
        }
        else if (f0.Neighbour1 == f0.Neighbour2)
        {
            var list = env.NeighboursOfElement(f0.Neighbour1);
            for (int a = 0; a < list.Length - 1; a++)
            {
                int j = list[a];
                if (r[j] >= rc) continue;
                for (int b = a + 1; b < list.Length; b++) if (r[list[b]] < rc) Pair(ref ctx, j, list[b]);
            }
        }
        else
        {
            var l1 = env.NeighboursOfElement(f0.Neighbour1);
            var l2 = env.NeighboursOfElement(f0.Neighbour2);
            foreach (int j in l1)
            {
                if (r[j] >= rc) continue;
                foreach (int k in l2) if (r[k] < rc) Pair(ref ctx, j, k);
            }
        }
        for (int m = 0; m < members.Length; m++) values[slots[m]] *= PNorm(members[m]);
    }

    private static double PNorm(ExponentialAngularFunction f) => Math.Pow(2.0, 1.0 - f.Zeta);

    private ref struct Context(ReadOnlySpan<ExponentialAngularFunction> members, ReadOnlySpan<int> slots, AtomEnvironment env, bool derivatives,
                               Span<double> dn, int stride, Span<double> dc, Span<double> values, double[] fc, double[] dfc)
    {
        public ReadOnlySpan<ExponentialAngularFunction> Members = members;
        public ReadOnlySpan<int> Slots = slots;
        public AtomEnvironment Env = env;
        public bool Derivatives = derivatives;
        public Span<double> DN = dn, DC = dc, Values = values;
        public int Stride = stride;
        public double[] Fc = fc, DFc = dfc;
    }

    private static void Pair(ref Context c, int j, int k)
    {
        var env = c.Env;
        var f0 = c.Members[0];
        var p = new PairGeometry { J = j, K = k, Fjk = 1, W = 1 };
        var dx = env.Dx; var dy = env.Dy; var dz = env.Dz;
        p.Jx = dx[k] - dx[j]; p.Jy = dy[k] - dy[j]; p.Jz = dz[k] - dz[j];
        if (f0.IsNarrow)
        {
            double rjk2 = p.Jx * p.Jx + p.Jy * p.Jy + p.Jz * p.Jz;
            double rc = f0.Cutoff;
            if (rjk2 >= rc * rc) return;
            p.Rjk = Math.Sqrt(rjk2);
            f0.CutoffFunction.Evaluate(p.Rjk, out p.Fjk, out p.DFjk);
        }
        p.Rij = env.R[j]; p.Rik = env.R[k];
        p.Inv = 1.0 / p.Rij / p.Rik;
        p.Cos = (dx[j] * dx[k] + dy[j] * dy[k] + dz[j] * dz[k]) * p.Inv;
        p.Fij = c.Fc[j]; p.DFij = c.DFc[j]; p.Fik = c.Fc[k]; p.DFik = c.DFc[k];
        if (f0.IsWeighted) p.W = env.Z[j] * env.Z[k];
        for (int m = 0; m < c.Members.Length; m++)
        {
            int slot = c.Slots[m];
            var dn = c.Derivatives ? c.DN.Slice(slot * c.Stride, c.Stride) : Span<double>.Empty;
            var dcm = c.Derivatives ? c.DC.Slice(3 * slot, 3) : Span<double>.Empty;
            c.Values[slot] += c.Members[m].Term(p, env, c.Derivatives, dn, dcm);
        }
    }
}
