using Tessera.Core;

namespace Tessera.Tests.Core;

/// <summary>The two-loop recursion: with exact line searches on a convex quadratic, BFGS (memory at least the
/// dimension) reaches the minimum in at most n steps; the direction is always downhill.</summary>
public class LbfgsMemoryTests
{
    [Theory]
    [InlineData(8, 8)]
    [InlineData(12, 20)]
    public void ExactLineSearchesMinimiseAQuadraticWithinDimensionSteps(int n, int memory)
    {
        var rng = new Random(3);
        var b = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) b[i, j] = rng.NextDouble() - 0.5;
        var a = new double[n, n]; // A = B^T B + I: symmetric positive definite
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++)
        {
            for (int k = 0; k < n; k++) a[i, j] += b[k, i] * b[k, j];
            if (i == j) a[i, j] += 1;
        }
        var rhs = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        double[] Gradient(double[] x) => Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => a[i, j] * x[j]) - rhs[i]).ToArray();

        var lbfgs = new LbfgsMemory(memory);
        var x = new double[n];
        var g = Gradient(x);
        int steps = 0;
        while (Math.Sqrt(LbfgsMemory.Dot(g, g)) > 1e-9 && steps < 3 * n)
        {
            var d = lbfgs.Direction(g, lbfgs.NewestScale ?? 1.0);
            double slope = LbfgsMemory.Dot(d, g);
            Assert.True(slope < 0, $"step {steps}: direction not downhill");
            var ad = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => a[i, j] * d[j])).ToArray();
            double t = -slope / LbfgsMemory.Dot(d, ad);
            var s = d.Select(v => t * v).ToArray();
            for (int i = 0; i < n; i++) x[i] += s[i];
            var gNew = Gradient(x);
            Assert.True(lbfgs.Add(s, gNew.Select((v, i) => v - g[i]).ToArray()));
            g = gNew;
            steps++;
        }
        Assert.True(steps <= n + 1, $"{steps} steps for dimension {n}");
    }

    [Fact]
    public void PairsWithoutPositiveCurvatureAreRefused()
    {
        var lbfgs = new LbfgsMemory(5);
        Assert.False(lbfgs.Add([1.0, 0.0], [-1.0, 0.0]));
        Assert.Equal(0, lbfgs.Count);
        Assert.Equal([-2.0, -4.0], lbfgs.Direction([1.0, 2.0], 2.0));
    }
}
