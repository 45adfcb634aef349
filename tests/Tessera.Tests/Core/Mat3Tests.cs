using Tessera.Core;

namespace Tessera.Tests.Core;

public class Mat3Tests
{
    [Fact]
    public void Inverse_times_matrix_is_identity()
    {
        var m = new Mat3(new(5, 0.3, -0.2), new(1.1, 6, 0.4), new(-0.7, 0.9, 7));
        var p = m * m.Inverse();
        Assert.True((p - Mat3.Identity).FrobeniusNorm < 1e-12);
    }

    [Fact]
    public void Fractional_to_cartesian_uses_rows_as_lattice_vectors()
    {
        var cell = new Mat3(new(2, 0, 0), new(1, 3, 0), new(0, 0, 4));
        Assert.Equal(new Vec3(1.5, 1.5, 2), new Vec3(0.5, 0.5, 0.5) * cell);
    }
}
