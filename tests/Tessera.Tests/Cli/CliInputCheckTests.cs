using System.CommandLine;
using Tessera.Cli;
using Tessera.Core;
using Tessera.Data;
using Tessera.Engines;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.Networks;

namespace Tessera.Tests.Cli;

/// <summary>The pieces behind the commands' error messages: option range checks, option-named parsers, level
/// comparison, fragmentation context and the user-facing text of exceptions.</summary>
[Collection(ConsoleCollection.Name)]
public class CliInputCheckTests
{
    private static IReadOnlyList<string> Errors(Option option, params string[] args)
    {
        var cmd = new Command("t");
        cmd.Options.Add(option);
        return cmd.Parse(args).Errors.Select(e => e.Message).ToList();
    }

    [Fact]
    public void Range_checks_name_the_option_and_the_value()
    {
        var dt = new Option<double>("--timestep") { DefaultValueFactory = _ => 0.5 }.Positive();
        Assert.Empty(Errors(dt, "--timestep", "0.25"));
        Assert.Equal("--timestep must be positive, got -1.", Assert.Single(Errors(dt, "--timestep", "-1")));
        var rank = new Option<int>("--rank") { DefaultValueFactory = _ => 2 }.Between(0, FragmentSettings.MaxRank);
        Assert.Contains("--rank must be between 0 and 8", Assert.Single(Errors(rank, "--rank", "9")));
        var port = new Option<int?>("--port").Between(1, 65535);
        Assert.Empty(Errors(port));
        Assert.Single(Errors(port, "--port", "0"));
    }

    [Fact]
    public void A_value_that_does_not_parse_is_reported_by_the_parser_not_thrown_by_the_check()
    {
        var rank = new Option<int>("--rank") { DefaultValueFactory = _ => 2 }.AtLeast(0);
        Assert.Contains(Errors(rank, "--rank", "two"), m => m.Contains("two"));
        var optimizer = new Option<string>("--optimizer") { DefaultValueFactory = _ => "lbfgs" }.OneOf("adam", "lbfgs");
        Assert.Equal("--optimizer must be one of adam, lbfgs, got 'sgd'.", Assert.Single(Errors(optimizer, "--optimizer", "sgd")));
    }

    [Fact]
    public void Parsed_values_name_their_option()
    {
        var e = Assert.Throws<ArgumentException>(() => CliOptions.Parse("--fragment", "rnak=2,cutoff=4", FragmentSettings.Parse));
        Assert.StartsWith("--fragment 'rnak=2,cutoff=4': Unknown fragment setting(s) 'rnak' (did you mean 'rank'?)", e.Message);
        var spec = Assert.Throws<ArgumentException>(() => CliOptions.Parse("--engine", "xtb:gfn2;acc=abc", s => EngineFactory.Create(s)));
        Assert.Contains("--engine", spec.Message);
        Assert.Contains("acc='abc'", spec.Message);
    }

    [Fact]
    public void Our_parameter_names_are_not_shown_to_users()
    {
        var e = new ArgumentOutOfRangeException("dtFs", "Time step must be positive, got -1 fs.");
        Assert.Equal("Time step must be positive, got -1 fs.", CliErrors.Message(e));
        var aggregate = new AggregateException(new ArgumentException("one"), new ArgumentException("one"), new FormatException("two"));
        Assert.Equal("one two", CliErrors.Message(aggregate));
        var engine = new EngineException("xtb", EngineFailure.Crash, "exited with code 1", "/tmp/kept", "-1- why\n-2- context\n");
        Assert.Equal("xtb: exited with code 1: -1- why; -2- context (working folder kept: /tmp/kept)", CliErrors.Message(engine));
    }

    [Fact]
    public void Fragment_settings_name_the_key_or_the_option()
    {
        Assert.Contains("rank must be between 0 and 8", Assert.Throws<ArgumentException>(() => FragmentSettings.Create(9, 4.0)).Message);
        Assert.Contains("--on (r_on = 5) must be positive and at most --cutoff (4)",
                        Assert.Throws<ArgumentException>(() => FragmentSettings.Create(1, 4.0, 5.0, name: k => $"--{k}")).Message);
        Assert.Contains("cutoff must be a positive distance", Assert.Throws<FormatException>(() => FragmentSettings.Parse("rank=1,cutoff=-2")).Message);
        Assert.DoesNotContain("did you mean", Assert.Throws<FormatException>(() => FragmentSettings.Parse("rank=1,cutoff=2,colour=red")).Message);
    }

    [Fact]
    public void Fragmentation_errors_are_told_where_they_happened()
    {
        var oh = new Structure([8, 1], [new Vec3(0, 0, 0), new Vec3(0, 0, 0.97)]);
        var e = Assert.Throws<FragmentationException>(() => CliFragments.Create(oh, FragmentSettings.Create(1, 4.0), "oh.xyz frame 3"));
        Assert.StartsWith("oh.xyz frame 3: Unit 0", e.Message);
        Assert.Contains("--charge", e.Message);
        long step = 0;
        var late = Assert.Throws<FragmentationException>(() => CliFragments.Where(() => $"at MD step {step}",
            () => { step = 12; throw new AggregateException(new FragmentationException("a unit broke into HO")); }, () => "lower the time step"));
        Assert.Equal("at MD step 12: a unit broke into HO lower the time step", late.Message);
    }

    [Fact]
    public void A_proton_hop_error_says_how_to_go_on()
    {
        var change = new UnitReassignment(7, [2], [[0, 1, 2], [3, 4, 5]], [[0, 1], [2, 3, 4, 5]]);
        var e = new UnitReassignmentException(change);
        Assert.StartsWith(change.Describe(), e.Message);
        Assert.Contains("reassign=blend", e.Message);
    }

    [Fact]
    public void Convert_writes_the_given_charge_and_multiplicity()
    {
        using var t = new Tessera.Tests.IO.TempDir();
        var input = t.Write("oh.xyz", BadInput.BadInputFiles.HydroxylXyz);
        var output = t.File("oh.extxyz");
        Assert.Equal(0, ConvertCommand.Run(input, output, null, null, charge: -1, multiplicity: 1));
        var s = Tessera.IO.StructureFile.ReadAll(output)[0];
        Assert.Equal((-1, 1), (s.Charge, s.Multiplicity));
    }

    [Fact]
    public void Overrides_set_charge_and_multiplicity()
    {
        var s = CliCommon.Override(TestStructures.WaterMonomer(), 1, 2);
        Assert.Equal((1, 2), (s.Charge, s.Multiplicity));
        Assert.Throws<ArgumentException>(() => CliCommon.Override(TestStructures.WaterMonomer(), null, 0));
    }

    [Theory]
    [InlineData("xtb-native:gfn2", "xtb 6.5.1 gfn2 []")]
    [InlineData("xtb", "xtb:gfn2;acc=0.1")]
    [InlineData("psi4:MP2/cc-pVDZ;scf_type=df", "psi4 1.3.2 mp2 [basis=cc-pvdz;d_convergence=1E-08;freeze_core=true]")]
    [InlineData("psi4:mp2/cc-pvdz", "fragments(rank=2,cutoff=4.5,on=4.5,switch=quintic,tol=1.2)[xtb:gfn2 + psi4:mp2/cc-pvdz]")]
    public void Levels_match_across_specs_descriptions_and_calculator_names(string a, string b) =>
        Assert.Equal(LevelName.Parse(a), LevelName.Parse(b));

    [Theory]
    [InlineData("xtb:gfn1", "xtb 6.5.1 gfn2 []")]
    [InlineData("psi4:mp2/cc-pvtz", "psi4 1.3.2 mp2 [basis=cc-pvdz]")]
    [InlineData("xtb:gfn2", "psi4:mp2/cc-pvdz")]
    public void Different_levels_differ(string a, string b) => Assert.NotEqual(LevelName.Parse(a), LevelName.Parse(b));

    [Fact]
    public void Level_guard_names_both_levels_and_the_override()
    {
        var e = Assert.Throws<ArgumentException>(() => LevelGuard.Require("high level", ("psi4 1.3.2 mp2 [basis=cc-pvdz]", "the model's"), ("xtb:gfn2", "--high"), allow: false));
        Assert.Contains("psi4:mp2/cc-pvdz", e.Message);
        Assert.Contains("xtb:gfn2", e.Message);
        Assert.Contains(LevelGuard.Option, e.Message);
        LevelGuard.Require("high level", ("psi4 1.3.2 mp2 [basis=cc-pvdz]", "the model's"), ("xtb:gfn2", "--high"), allow: true);
        LevelGuard.Require("high level", (null, "the model's"), ("xtb:gfn2", "--high"), allow: false);
    }

    [Fact]
    [Trait("Category", "Data")]
    public void Train_refuses_a_low_level_the_data_set_was_not_labelled_with()
    {
        var data = BadInput.BadInputRunner.RepoPath(BadInput.BadInputFiles.W6Dataset);
        var settings = FragmentTrainingSettings.Create([2], Activations.FromCode("t"), 1, 1, 16, 1e-3);
        var e = Assert.Throws<ArgumentException>(() => TrainCommand.Run(data, Path.Combine(Path.GetTempPath(), "never.json"), null, "xtb:gfn1", settings, null));
        Assert.Contains("xtb:gfn1", e.Message);
        Assert.Contains("xtb:gfn2", e.Message);
    }
}
