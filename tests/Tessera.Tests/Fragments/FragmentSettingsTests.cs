using Tessera.Fragments;

namespace Tessera.Tests.Fragments;

public class FragmentSettingsTests
{
    [Fact]
    public void Parse_reads_every_key()
    {
        var s = FragmentSettings.Parse("rank=2, cutoff=4.5,on=4.0,switch=smooth,tol=1.3,parallel=3,reassign=throw,charges=1;0,mult=1;1,skipzero=false");
        Assert.Equal((2, 4.5, 4.0, SwitchKind.Smooth, 1.3, 3, ReassignmentPolicy.Throw, false),
                     (s.Rank, s.Cutoff, s.SwitchOn, s.Switch, s.BondTolerance, s.MaxParallelism, s.Reassignment, s.SkipZeroCoefficients));
        Assert.Equal([1, 0], s.UnitCharges!);
        var d = FragmentSettings.Parse("rank=1,cutoff=3");
        Assert.Equal(3.0, d.SwitchOn); // hard cutoff by default: the original method
    }

    [Theory]
    [InlineData("cutoff=4.5", "rank")]
    [InlineData("rank=2,cutoff=4.5,on=5", "on")]
    [InlineData("rank=2,cutoff=4.5,colour=red", "colour")]
    [InlineData("rank=-1,cutoff=4.5", "rank")]
    [InlineData("rank=2,cutoff=x", "cutoff")]
    [InlineData("rank=2,cutoff=4,switch=cubic", "switch")]
    public void Parse_errors_name_the_key(string text, string key)
    {
        var e = Assert.Throws<FormatException>(() => FragmentSettings.Parse(text));
        Assert.Contains(key, e.Message);
    }
}
