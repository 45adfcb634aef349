using Tessera.Descriptors;
using static Tessera.Tests.Descriptors.SymmetryFunctionDerivativeTests;

namespace Tessera.Tests.Descriptors;

/// <summary>The grouped evaluation that models use: many functions of every type in shared groups give the same
/// values and neighbour derivatives as each function alone, and the values the formulas give when evaluated
/// naively (every pair, no cache), for every cutoff type.</summary>
public class SymmetryFunctionGroupTests
{
    /// <summary>Several members per group, differing in every parameter the group does not share, and one repeated.</summary>
    private static readonly string[] Lines =
    [
        "O 2 H 0.3 0.8 5.0", "O 2 H 0.05 0.0 5.0", "O 2 H 1.2 2.0 5.0", "O 2 O 0.3 0.8 5.0", "O 2 H 0.3 0.8 4.0",
        "O 12 0.2 1.0 5.0", "O 12 0.02 0.0 5.0",
        "O 3 H O 0.05 -1 2.0 5.0 0.5", "O 3 O H 0.05 1 1.0 5.0 0.5", "O 3 H O 0.01 1 4.0 5.0", "O 3 H O 0.05 1 2.5 5.0 0.5",
        "O 3 H H 0.02 1 1.5 5.0", "O 3 H H 0.02 -1 1.5 5.0", "O 3 O O 0.02 -1 1.0 5.0",
        "O 9 H O 0.05 1 4.0 5.0 0.3", "O 9 H O 0.05 -1 1.0 5.0", "O 9 H O 0.2 1 16.0 5.0", "O 9 H H 0.05 1 2.0 5.0",
        "O 13 0.03 0.4 -1 3.0 5.0", "O 13 0.03 0.4 1 1.0 5.0", "O 13 0.1 0.0 1 2.0 5.0",
        "O 20 H 0.5 5.0 p2", "O 20 H -5.0 5.0 p3a", "O 20 H 1.0 3.5 e", "O 20 O -5.0 5.0 p3a", "O 20 O 0.8 4.5 p1",
        "O 23 -5.0 5.0 p1", "O 23 1.0 4.0 p4a",
        "O 21 H O 0.0 5.0 20.0 160.0 p2", "O 21 O H 0.5 4.5 0.0 180.0 p2", "O 21 H O 0.0 5.0 60.0 120.0 p3", "O 21 H H -5.0 5.0 0.0 180.0 p1",
        "O 22 H H -5.0 5.0 -90.0 90.0 p4", "O 22 H H -5.0 5.0 90.0 270.0 p4", "O 22 H H 0.5 4.0 -90.0 90.0 p2",
        "O 22 H H -5.0 5.0 0.0 120.0 p2a", "O 22 O H 0.5 5.0 90.0 270.0 e", "O 22 H O -4.0 4.0 60.0 180.0 p2",
        "O 24 0.0 5.0 30.0 150.0 p2a", "O 24 -5.0 4.0 0.0 180.0 p1",
        "O 25 -5.0 5.0 0.0 180.0 p3", "O 25 -5.0 5.0 -90.0 90.0 p3", "O 25 0.3 4.5 60.0 180.0 p2",
        // Functions listed twice (n2p2 files may): both slots get their value and derivatives.
        "O 22 H H -5.0 5.0 -90.0 90.0 p4", "O 3 H O 0.05 -1 2.0 5.0 0.5", "O 2 H 0.3 0.8 5.0", "O 20 H 0.5 5.0 p2",
    ];

    public static TheoryData<CutoffType> CutoffTypes() => [.. Enum.GetValues<CutoffType>()];

    private static SymmetryFunction[] Functions(CutoffType cutoff) =>
        [.. Lines.Select(l => SymmetryFunctionParser.Parse(l.Split(' '), cutoff, 0.2))];

    private static AtomEnvironment Environment(int seed) { var (z, p) = RandomEnvironment(11, seed); return Build(z, p, Vec.Zero); }

    [Fact]
    public void EveryTypeHasAGroupOfSeveral()
    {
        var groups = SymmetryFunctionGroup.Build(Functions(CutoffType.Cos));
        var fs = Functions(CutoffType.Cos);
        foreach (int type in SymmetryFunctionParser.SupportedTypes)
            Assert.Contains(groups, g => g.Slots.Length > 1 && g.Slots.Any(s => fs[s].Type == type));
        // Narrow and wide exponential angular functions of the same elements and cutoff walk their pairs together.
        Assert.Contains(groups, g => g.Slots.Any(s => fs[s].Type == 3) && g.Slots.Any(s => fs[s].Type == 9));
    }

    [Theory]
    [MemberData(nameof(CutoffTypes))]
    public void GroupedEqualsOneAtATime(CutoffType cutoff)
    {
        var fs = Functions(cutoff);
        foreach (int seed in new[] { 3, 17, 40 })
        {
            var env = Environment(seed);
            int n3 = 3 * env.Count, stride = 3 * fs.Length;
            var values = new double[fs.Length];
            var dn = new double[env.Count * stride];
            foreach (var g in SymmetryFunctionGroup.Build(fs)) g.Compute(env, true, dn, stride, values);
            var dc = new double[3 * fs.Length];
            SymmetryFunctionGroup.CentreDerivatives(dn, stride, env.Count, fs.Length, dc);
            var noDerivatives = new double[fs.Length];
            foreach (var g in SymmetryFunctionGroup.Build(fs)) g.Compute(env, false, [], 0, noDerivatives);
            for (int f = 0; f < fs.Length; f++)
            {
                var dnOne = new double[n3];
                var dcOne = new double[3];
                double one = fs[f].Compute(env, true, dnOne, dcOne);
                string what = $"{Lines[f]} cutoff {cutoff} seed {seed}";
                Close(one, values[f], what);
                Close(one, noDerivatives[f], what + " (values only)");
                for (int c = 0; c < n3; c++) Close(dnOne[c], dn[c / 3 * stride + 3 * f + c % 3], $"{what}: dG/dr component {c}");
                for (int c = 0; c < 3; c++) Close(dcOne[c], dc[3 * f + c], $"{what}: dG/dr_centre component {c}");
            }
        }
    }

    /// <summary>The force pass (no stored derivatives) gives sum_f c_f dG_f/dr_j of the stored ones, for any c.</summary>
    [Theory]
    [MemberData(nameof(CutoffTypes))]
    public void GradientPassEqualsStoredDerivatives(CutoffType cutoff)
    {
        var fs = Functions(cutoff);
        var random = new Random(7);
        foreach (int seed in new[] { 3, 17, 40 })
        {
            var env = Environment(seed);
            int stride = 3 * fs.Length;
            var dn = new double[env.Count * stride];
            foreach (var g in SymmetryFunctionGroup.Build(fs)) g.Compute(env, true, dn, stride, new double[fs.Length]);
            var c = Enumerable.Range(0, fs.Length).Select(_ => random.NextDouble() - 0.5).ToArray();
            var gradient = new double[3 * env.Count];
            foreach (var g in SymmetryFunctionGroup.Build(fs)) g.Gradient(env, c, gradient);
            for (int j = 0; j < env.Count; j++)
                for (int x = 0; x < 3; x++)
                {
                    double expected = 0, scale = 0;
                    for (int f = 0; f < fs.Length; f++) { expected += c[f] * dn[j * stride + 3 * f + x]; scale += Math.Abs(c[f] * dn[j * stride + 3 * f + x]); }
                    Assert.True(Math.Abs(expected - gradient[3 * j + x]) <= 1e-12 * (1e-3 + scale),
                                $"cutoff {cutoff} seed {seed} neighbour {j} component {x}: expected {expected:R}, got {gradient[3 * j + x]:R}");
                }
        }
    }

    [Theory]
    [MemberData(nameof(CutoffTypes))]
    public void ValuesEqualTheNaiveFormulas(CutoffType cutoff)
    {
        var fs = Functions(cutoff);
        int nonZero = 0;
        foreach (int seed in new[] { 5, 23 })
        {
            var env = Environment(seed);
            var values = new double[fs.Length];
            foreach (var g in SymmetryFunctionGroup.Build(fs)) g.Compute(env, false, [], 0, values);
            for (int f = 0; f < fs.Length; f++)
            {
                double naive = NaiveSymmetryFunction.Value(fs[f], env);
                Close(naive, values[f], $"{Lines[f]} cutoff {cutoff} seed {seed}");
                if (naive != 0) nonZero++;
            }
        }
        Assert.True(nonZero > 1.8 * fs.Length, $"only {nonZero} of {2 * fs.Length} values are non-zero: the environments check too little.");
    }

    /// <summary>The values-only pass (dense per-pair blocks in the exponential angular groups) adds the same terms in
    /// the same order as the pass that stores derivatives: equal to the bit, for every type and cutoff.</summary>
    [Theory]
    [MemberData(nameof(CutoffTypes))]
    public void ValuesOnlyEqualValuesWithDerivativesExactly(CutoffType cutoff)
    {
        var fs = Functions(cutoff);
        foreach (int seed in new[] { 3, 17, 40 })
        {
            var env = Environment(seed);
            int stride = 3 * fs.Length;
            var withDerivatives = new double[fs.Length];
            foreach (var g in SymmetryFunctionGroup.Build(fs)) g.Compute(env, true, new double[env.Count * stride], stride, withDerivatives);
            var valuesOnly = new double[fs.Length];
            foreach (var g in SymmetryFunctionGroup.Build(fs)) g.Compute(env, false, [], 0, valuesOnly);
            for (int f = 0; f < fs.Length; f++)
                Assert.True(withDerivatives[f] == valuesOnly[f], $"{Lines[f]} cutoff {cutoff} seed {seed}: {withDerivatives[f]:R} with derivatives, {valuesOnly[f]:R} without");
        }
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * (1e-3 + Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
}
