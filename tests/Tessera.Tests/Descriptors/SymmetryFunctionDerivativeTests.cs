using Tessera.Descriptors;

namespace Tessera.Tests.Descriptors;

/// <summary>Every registered symmetry-function type: analytic derivatives against central differences
/// of the value with respect to each neighbour and to the centre, in a random mixed-element environment.</summary>
public class SymmetryFunctionDerivativeTests
{
    /// <summary>One n2p2 parameter line per registered type (centre O; neighbours H and O; cutoff 5).</summary>
    public static readonly string[] Lines =
    [
        "O 2 H 0.3 0.8 5.0",
        "O 3 H O 0.05 -1 2.0 5.0 0.5",
        "O 3 H H 0.02 1 1.5 5.0",
        "O 9 H O 0.05 1 4.0 5.0 0.3",
        "O 12 0.2 1.0 5.0",
        "O 13 0.03 0.4 -1 3.0 5.0",
        "O 20 H 0.5 5.0 p2",
        "O 20 O -5.0 5.0 p3a",
        "O 21 H O 0.0 5.0 20.0 160.0 p2",
        "O 22 H H -5.0 5.0 -90.0 90.0 p4",
        "O 22 O H 0.5 5.0 90.0 270.0 e",
        "O 23 -5.0 5.0 p1",
        "O 24 0.0 5.0 30.0 150.0 p2a",
        "O 25 -5.0 5.0 0.0 180.0 p3",
    ];

    public static TheoryData<string, CutoffType> Cases()
    {
        var d = new TheoryData<string, CutoffType>();
        foreach (var l in Lines)
            foreach (var t in new[] { CutoffType.Cos, CutoffType.TanhU, CutoffType.Poly2, CutoffType.Exp })
                d.Add(l, t);
        return d;
    }

    [Fact]
    public void EveryRegisteredTypeIsCovered()
    {
        var covered = Lines.Select(l => int.Parse(l.Split(' ')[1])).ToHashSet();
        Assert.All(SymmetryFunctionParser.SupportedTypes, t => Assert.Contains(t, covered));
    }

    /// <summary>string.GetHashCode is randomised per process; the environment must be the same in every run.</summary>
    private static int StableSeed(string text) => text.Aggregate(17, (h, c) => unchecked(h * 31 + c));

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnalyticDerivativesMatchCentralDifferences(string line, CutoffType cutoff)
    {
        var f = SymmetryFunctionParser.Parse(line.Split(' '), cutoff, 0.2);
        var (z, pos) = RandomEnvironment(7, seed: StableSeed(line) ^ (int)cutoff);
        var env = Build(z, pos, Vec.Zero);
        var dn = new double[3 * env.Count];
        var dc = new double[3];
        double g = f.Compute(env, true, dn, dc);
        Assert.True(g != 0, $"{line}: the test environment gives G = 0, so it checks nothing.");
        Assert.Equal(g, f.Compute(env, false, [], []), 14);
        const double h = 1e-6;
        for (int n = 0; n <= pos.Length; n++)
            for (int c = 0; c < 3; c++)
            {
                // n == pos.Length moves the centre atom.
                double Shifted(double delta)
                {
                    var p = (Vec[])pos.Clone();
                    var centre = Vec.Zero;
                    if (n < pos.Length) p[n] = p[n].Add(c, delta); else centre = centre.Add(c, delta);
                    return f.Compute(Build(z, p, centre), false, [], []);
                }
                double numeric = (Shifted(h) - Shifted(-h)) / (2 * h);
                double analytic = n < pos.Length ? dn[3 * n + c] : dc[c];
                Assert.True(Math.Abs(numeric - analytic) <= 1e-6 * (1 + Math.Abs(numeric)),
                    $"{line} cutoff {cutoff}: atom {n} comp {c}: analytic {analytic:E6}, numeric {numeric:E6}");
            }
    }

    internal readonly record struct Vec(double X, double Y, double Z)
    {
        public static readonly Vec Zero = new(0, 0, 0);
        public Vec Add(int c, double d) => c switch { 0 => this with { X = X + d }, 1 => this with { Y = Y + d }, _ => this with { Z = Z + d } };
    }

    internal static (int[] Z, Vec[] Pos) RandomEnvironment(int n, int seed)
    {
        var rng = new Random(seed);
        var z = new int[n];
        var p = new Vec[n];
        for (int i = 0; i < n; i++)
        {
            z[i] = i % 3 == 0 ? 8 : 1;
            // Radii 0.9-4.7, well inside the cutoff 5, some pairs beyond it from each other.
            double r = 0.9 + 3.8 * rng.NextDouble(), ct = 2 * rng.NextDouble() - 1, ph = 2 * Math.PI * rng.NextDouble();
            double st = Math.Sqrt(1 - ct * ct);
            p[i] = new Vec(r * st * Math.Cos(ph), r * st * Math.Sin(ph), r * ct);
        }
        return (z, p);
    }

    internal static AtomEnvironment Build(int[] z, Vec[] pos, Vec centre)
    {
        var env = new AtomEnvironment();
        for (int i = 0; i < z.Length; i++)
        {
            double dx = pos[i].X - centre.X, dy = pos[i].Y - centre.Y, dz = pos[i].Z - centre.Z;
            env.Add(i, z[i], dx, dy, dz, Math.Sqrt(dx * dx + dy * dy + dz * dz));
        }
        return env;
    }
}
