using System.Diagnostics;
using Tessera.Engines;
using Tessera.Tests.IO;

namespace Tessera.Tests.Engines;

/// <summary>The probes behind <c>tessera doctor</c>: what this machine has (xtb, libxtb6, psi4, ASE, Chromium: the
/// set-up installs them), and for made-up names, a missing verdict with the reason and the install command.</summary>
public class PrerequisitesTests
{
    /// <summary>Install commands start with sudo unless the tests run as root.</summary>
    public static string Sudo => Environment.IsPrivilegedProcess ? "" : "sudo ";

    [Fact]
    [Trait("Category", "Engines")]
    public void Finds_everything_the_set_up_installs_with_versions()
    {
        using var t = new TempDir();
        var sw = Stopwatch.StartNew();
        var status = Prerequisites.Check(Prerequisites.Standard(t.File("cache/results.sqlite"), TimeSpan.FromSeconds(60)));
        var byName = status.ToDictionary(s => s.Item.Name);
        Assert.All(status, s => Assert.True(s.Found, $"{s.Item.Name}: {s.Outcome.Problem}"));
        foreach (var name in new[] { "xtb", "libxtb.so.6", "libgomp.so.1", "psi4", "python3", "ase", "numpy", "chromium", "slurmd", "munged", "result cache" })
            Assert.True(byName.ContainsKey(name), name);
        // The program and the library are the same xtb release (the engines' cache keys rely on it).
        var xtb = EngineFactory.Create("xtb:gfn2").Identity.Version;
        Assert.Equal(xtb, byName["xtb"].Outcome.Version);
        Assert.StartsWith(xtb, byName["libxtb.so.6"].Outcome.Version);
        Assert.Contains("C API 1.", byName["libxtb.so.6"].Outcome.Version);
        Assert.Equal(EngineFactory.Create("psi4:scf/sto-3g").Identity.Version, byName["psi4"].Outcome.Version);
        Assert.Matches(@"^3\.\d+", byName["ase"].Outcome.Version);
        Assert.Matches(@"^\d+\.\d+", byName["slurmd"].Outcome.Version);
        Assert.Matches(@"^\d+\.\d+", byName["munged"].Outcome.Version);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"probes took {sw.Elapsed}");
    }

    [Fact]
    public void A_missing_program_says_so_and_names_the_install_command()
    {
        var item = new Prerequisite("fake", PrerequisiteKind.Program, "test", "tessera-fake-package",
                                    () => Prerequisites.ProbeProgram("tessera-no-such-program", ["--version"], _ => "1.0"));
        var s = Assert.Single(Prerequisites.Check([item]));
        Assert.False(s.Found);
        Assert.Contains("'tessera-no-such-program' is not on the PATH", s.Outcome.Problem);
        Assert.Equal(Sudo + "apt-get install tessera-fake-package", item.InstallCommand);
        Assert.False(Prerequisites.ProbeProgram("/nonexistent/tessera-tool", ["--version"], _ => "1.0").Found);
    }

    [Fact]
    public void A_program_without_a_readable_version_counts_as_missing() =>
        Assert.Contains("gave no version", Prerequisites.ProbeProgram("/bin/true", [], _ => null).Problem);

    [Fact]
    public void A_missing_library_is_not_loadable()
    {
        var o = Prerequisites.ProbeLibrary("libtessera-no-such-library.so.6");
        Assert.False(o.Found);
        Assert.StartsWith("not loadable: libtessera-no-such-library.so.6: ", o.Problem); // then the loader's words (dlerror)
        var libxtb = Assert.Single(Prerequisites.Standard(), p => p.Name == "libxtb.so.6");
        Assert.Equal(Sudo + "apt-get install libxtb6", libxtb.InstallCommand);
    }

    [Fact]
    public void A_missing_python_module_names_the_import_error()
    {
        var o = Prerequisites.ProbePythonModule(Prerequisites.DebianPython, "tessera_no_such_module", TimeSpan.FromSeconds(60));
        Assert.False(o.Found);
        Assert.Contains("No module named 'tessera_no_such_module'", o.Problem);
        Assert.False(Prerequisites.ProbePythonModule("/nonexistent/python3", "ase").Found);
    }

    [Fact]
    public void The_cache_must_be_writable()
    {
        using var t = new TempDir();
        Assert.True(Prerequisites.ProbeWritableFile(t.File("a/b/results.sqlite")).Found);
        Assert.False(Prerequisites.ProbeWritableFile("/proc/tessera/results.sqlite").Found);
    }

    [Fact]
    public void A_probe_that_throws_counts_as_missing()
    {
        var item = new Prerequisite("boom", PrerequisiteKind.File, "test", null, () => throw new InvalidOperationException("broken probe"));
        var s = Assert.Single(Prerequisites.Check([item]));
        Assert.False(s.Found);
        Assert.Equal("broken probe", s.Outcome.Problem);
        Assert.Null(item.InstallCommand);
    }
}
