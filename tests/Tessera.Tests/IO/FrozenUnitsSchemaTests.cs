using Tessera.Core;
using Tessera.IO;

namespace Tessera.Tests.IO;

/// <summary>The frozen unit assignment an md trajectory stores reads back through extxyz as the same groups, and a
/// column with a gap in its unit indices is refused naming the file.</summary>
public class FrozenUnitsSchemaTests
{
    private static Structure Atoms(int n) => new([.. Enumerable.Repeat(1, n)], [.. Enumerable.Range(0, n).Select(i => new Vec3(i, 0, 0))]);

    [Fact]
    public void Stored_units_read_back_through_extxyz_as_the_same_groups()
    {
        var s = Atoms(5);
        int[][] units = [[0, 2], [1, 3, 4]];
        FrozenUnitsSchema.Write(s, units);
        var text = new StringWriter();
        ExtXyz.Write(text, s);
        var back = ExtXyz.Read(new StringReader(text.ToString()), "md.extxyz").Single();
        Assert.Equal(units, FrozenUnitsSchema.Read(back, "md.extxyz"));
        Assert.Null(FrozenUnitsSchema.Read(Atoms(5), "md.extxyz"));
    }

    [Fact]
    public void A_gap_in_the_unit_indices_is_refused()
    {
        var s = Atoms(3);
        s.Arrays[FrozenUnitsSchema.Column] = PerAtomArray.Integer([0, 2, 2]);
        var e = Assert.Throws<FileFormatException>(() => FrozenUnitsSchema.Read(s, "md.extxyz"));
        Assert.Contains("md.extxyz", e.Message);
        Assert.Contains(FrozenUnitsSchema.Column, e.Message);
    }
}
