using Tessera.Core;
using Tessera.Engines;
using Tessera.Potentials;

namespace Tessera.Tests.Engines;

[Trait("Category", "Engines")]
public class XtbLibraryEngineTests
{
    private static Structure Hydronium() => new([8, 1, 1, 1],
        [new(0, 0, 0.08), new(0.95, 0, -0.25), new(-0.48, 0.82, -0.25), new(-0.48, -0.83, -0.27)], charge: 1);

    [Theory]
    [InlineData("gfn2")]
    [InlineData("gfn1")]
    public void Matches_the_xtb_program(string method)
    {
        using var native = (XtbLibraryEngine)EngineFactory.Create($"xtb-native:{method}");
        var program = EngineFactory.Create($"xtb:{method}");
        foreach (var s in new[] { EngineFixtures.DistortedDimer(), Hydronium() })
        {
            var a = native.Compute(s, Needs.Forces);
            var b = program.Compute(s, Needs.Forces);
            Assert.True(Math.Abs(a.Energy - b.Energy) < 1e-8 * Units.Hartree, $"{method} {s.Formula}: {a.Energy} vs {b.Energy} eV");
            for (int i = 0; i < s.Count; i++)
                Assert.True((a.Forces![i] - b.Forces![i]).Length < 1e-5, $"{method} {s.Formula} atom {i}");
        }
        Assert.Equal(0, native.ProcessStarts);
        Assert.Equal(program.Identity.Version, native.Identity.Version);
    }

    [Fact]
    public void Forces_pass_the_finite_difference_check() =>
        PotentialAssert.ForcesMatchFiniteDifferences(EngineFactory.Create("xtb-native:gfn2"), EngineFixtures.DistortedDimer(), 1e-4, step: 1e-3);

    [Fact]
    public void Molecule_changes_and_impossible_spin_are_handled()
    {
        using var native = new XtbLibraryEngine(XtbSettings.Create("gfn2"));
        double dimer = native.Compute(EngineFixtures.DistortedDimer(), Needs.Energy).Energy;
        double ion = native.Compute(Hydronium(), Needs.Energy).Energy;
        Assert.Equal(dimer, native.Compute(EngineFixtures.DistortedDimer(), Needs.Energy).Energy, 7);
        Assert.NotEqual(dimer, ion);
        var bad = Hydronium();
        bad.Multiplicity = 2;
        var e = Assert.Throws<EngineException>(() => native.Compute(bad));
        Assert.Equal(EngineFailure.InvalidInput, e.Failure);
    }
}
