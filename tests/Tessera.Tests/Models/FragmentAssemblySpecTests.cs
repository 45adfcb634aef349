using Tessera.Fragments;
using Tessera.Models;
using Tessera.Potentials;
using Tessera.Tests.Data;

namespace Tessera.Tests.Models;

/// <summary>An ab initio fragment assembly from options: which combinations are refused, the order its parts are
/// made in (so the first bad option is the one named), and the versions and cell check the assembly exposes.</summary>
public class FragmentAssemblySpecTests
{
    [Fact]
    public void No_settings_and_no_levels_is_a_direct_calculation()
    {
        Assert.Null(FragmentAssemblySpec.From(null, null, null));
        Assert.Contains("belong to --fragment", Assert.Throws<ArgumentException>(() => FragmentAssemblySpec.From(null, "xtb:gfn1", null)).Message);
        Assert.Contains("needs --high", Assert.Throws<ArgumentException>(() => FragmentAssemblySpec.From("rank=1,cutoff=4", "xtb:gfn1", null)).Message);
    }

    [Fact]
    public void The_assembly_is_made_high_level_first_and_records_the_versions_of_both_levels()
    {
        var made = new List<string>();
        IPotential Engine(string spec) { made.Add(spec); return new CountingEngine(spec); }
        var spec = FragmentAssemblySpec.From("rank=1,cutoff=4", "lo", "hi")!;
        var assembly = spec.Build(Engine);
        Assert.Equal(["hi", "lo"], made);
        Assert.Equal(1, assembly.Settings.Rank);
        Assert.Equal("fake 1.0; fake 1.0", ProgramVersions.Of(assembly));
        Assert.IsAssignableFrom<IStructureCheck>(assembly);
    }

    [Fact]
    public void A_bad_part_is_named_by_its_option()
    {
        var e = Assert.Throws<ArgumentException>(() => new FragmentAssemblySpec("rnak=1,cutoff=4", "hi", null).Build(s => new CountingEngine(s)));
        Assert.StartsWith("--fragment 'rnak=1,cutoff=4': ", e.Message);
        var bad = Assert.Throws<ArgumentException>(() => new FragmentAssemblySpec("rank=1,cutoff=4", "hi", "lo")
            .Build(s => s == "lo" ? throw new FormatException("no such level") : new CountingEngine(s)));
        Assert.Equal("--low 'lo': no such level", bad.Message);
    }
}
