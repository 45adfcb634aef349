using System.Diagnostics;
using System.Text.Json;
using Tessera.Cli;
using Tessera.Engines;
using Tessera.Tests.BadInput;
using static Tessera.Tests.Engines.PrerequisitesTests;
using Tessera.Tests.IO;

namespace Tessera.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public class DoctorCommandTests
{
    private static Prerequisite Fake(string name, bool found, string package) =>
        new(name, PrerequisiteKind.Library, "test", package,
            () => found ? new ProbeOutcome(true, "1.0", "/usr/lib/" + name) : Prerequisites.ProbeLibrary(name));

    private static (int Code, JsonElement Json) RunJson(IReadOnlyList<Prerequisite> items)
    {
        var out_ = new StringWriter();
        var old = Console.Out;
        Console.SetOut(out_);
        int code;
        try { code = DoctorCommand.Run(items, json: true); }
        finally { Console.SetOut(old); }
        return (code, JsonDocument.Parse(out_.ToString()).RootElement.Clone());
    }

    [Fact]
    public void Everything_present_exits_0()
    {
        var (code, json) = RunJson([Fake("libpresent.so.1", true, "libpresent1")]);
        Assert.Equal(0, code);
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal(0, json.GetProperty("missing").GetInt32());
        Assert.True(json.GetProperty("items")[0].GetProperty("seconds").GetDouble() >= 0);
    }

    [Fact]
    public void Something_missing_exits_3_with_the_install_command()
    {
        var (code, json) = RunJson([Fake("libpresent.so.1", true, "libpresent1"), Fake("libtessera-missing.so.6", false, "libtessera-missing6"),
                                    Fake("libtessera-absent.so.2", false, "libtessera-absent2")]);
        Assert.Equal(DoctorCommand.MissingExitCode, code);
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal(2, json.GetProperty("missing").GetInt32());
        var missing = json.GetProperty("items")[1];
        Assert.Equal("libtessera-missing.so.6", missing.GetProperty("name").GetString());
        Assert.False(missing.GetProperty("found").GetBoolean());
        Assert.Equal(Sudo + "apt-get install libtessera-missing6", missing.GetProperty("install").GetString());
        Assert.Equal(Sudo + "apt-get install libtessera-missing6 libtessera-absent2", json.GetProperty("install_all").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("items")[0].GetProperty("install").ValueKind);
    }

    [Fact]
    [Trait("Category", "Engines")]
    public void The_real_command_finds_this_machine_complete_within_seconds()
    {
        using var t = new TempDir();
        var sw = Stopwatch.StartNew();
        var r = CliProcess.Run(t.Dir, ["doctor"], TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("Everything checked is there (", r.Stdout);
        foreach (var name in new[] { "xtb", "libxtb.so.6", "psi4", "python3", "ase", "chromium", "slurmd", "munged", "result cache" }) Assert.Contains(name, r.Stdout);
        Assert.Equal("", r.Stderr);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"doctor took {sw.Elapsed}");
    }

    [Fact]
    public void Programs_missing_from_the_PATH_are_reported_with_their_apt_commands()
    {
        using var t = new TempDir();
        var r = CliProcess.Run(t.Dir, ["doctor"], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["PATH"] = t.Dir });
        Assert.True(r.ExitCode == DoctorCommand.MissingExitCode, r.Stdout + r.Stderr);
        Assert.Contains("'xtb' is not on the PATH", r.Stdout);
        Assert.Contains(Sudo + "apt-get install xtb", r.Stdout);
        Assert.Contains(Sudo + "apt-get install psi4", r.Stdout);
        Assert.Contains($"(all at once: {Sudo}apt-get install xtb psi4)", r.Stdout);
    }

    [Fact]
    public void Only_selects_named_items_and_rejects_unknown_names()
    {
        var all = Prerequisites.Standard();
        Assert.Equal(["xtb", "libxtb.so.6"], DoctorCommand.Select(all, "LIBXTB.so.6, xtb").Select(p => p.Name));
        Assert.Same(all, DoctorCommand.Select(all, null));
        var e = Assert.Throws<ArgumentException>(() => DoctorCommand.Select(all, "xtb,libnothing.so.1"));
        Assert.Contains("unknown name 'libnothing.so.1'", e.Message);
    }
}
