using Tessera.Engines;

namespace Tessera.Tests.Engines;

/// <summary>Pure parsers on stored outputs of xtb 6.5.1 and psi4 1.3.2 (no programs run).</summary>
public class EngineParserTests
{
    [Fact]
    public void XtbTotalEnergyIsTheSummaryLine()
    {
        var e = XtbOutputParser.TotalEnergy(EngineFixtures.Read("xtb-gfn2-water-dimer.out"));
        Assert.Equal(-10.148621062288, e!.Value, 12);
        Assert.Null(XtbOutputParser.TotalEnergy("no energy here\n"));
    }

    [Fact]
    public void XtbGradientFileGivesEnergyAndGradient()
    {
        var (e, g) = XtbOutputParser.Gradient(EngineFixtures.Read("xtb-gfn2-water-dimer.gradient"), 6);
        Assert.Equal(-10.14862106229, e, 11);
        Assert.Equal(1.1656066128211E-04, g[0, 0], 1e-17);
        Assert.Equal(-4.6615570722601E-03, g[2, 0], 1e-17);
        Assert.Equal(-3.8214574002342E-03, g[5, 2], 1e-17);
        // A converged gradient of an isolated molecule sums to zero (translation invariance).
        for (int c = 0; c < 3; c++)
        {
            double sum = 0;
            for (int i = 0; i < 6; i++) sum += g[i, c];
            Assert.True(Math.Abs(sum) < 1e-8, $"component {c} sums to {sum}");
        }
    }

    [Fact]
    public void XtbGradientParserAcceptsFortranExponentsAndRejectsShortFiles()
    {
        var text = "$grad\n cycle = 1 SCF energy = -1.5D+00 |dE/dxyz| = 0.1\n 0 0 0 h\n 0 0 1.4 h\n 1.0D-03 0.0D+00 -2.0D-03\n -1.0D-03 0.0D+00 2.0D-03\n$end\n";
        var (e, g) = XtbOutputParser.Gradient(text, 2);
        Assert.Equal(-1.5, e);
        Assert.Equal(2.0e-3, g[1, 2]);
        Assert.Throws<FormatException>(() => XtbOutputParser.Gradient(text, 3));
        Assert.Throws<FormatException>(() => XtbOutputParser.Gradient("$grad\n$end\n", 2));
    }

    [Fact]
    public void XtbNonConvergenceIsDetected()
    {
        Assert.True(XtbOutputParser.NotConverged(EngineFixtures.Read("xtb-notconverged.out"), EngineFixtures.Read("xtb-notconverged.err")));
        Assert.False(XtbOutputParser.NotConverged(EngineFixtures.Read("xtb-gfn2-water-dimer.out"), ""));
        var message = XtbOutputParser.ErrorMessage(EngineFixtures.Read("xtb-notconverged.out"), EngineFixtures.Read("xtb-notconverged.err"));
        Assert.Contains("-1- scf: Self consistent charge iterator did not converge", message);
        Assert.Contains("abnormal termination", message);
        Assert.DoesNotContain("0x", message);
    }

    [Fact]
    public void VersionsAreRead()
    {
        Assert.Equal("6.5.1", XtbOutputParser.Version(EngineFixtures.Read("xtb-version.txt")));
        Assert.Equal("1.3.2", Psi4OutputParser.Version(EngineFixtures.Read("psi4-version.txt")));
    }

    [Fact]
    public void Psi4ResultsKeepSuccessesAndErrors()
    {
        var r = Psi4OutputParser.Results(EngineFixtures.Read("psi4-scf-gradient.jsonl"));
        Assert.Equal(4, r.Count);
        Assert.True(r[0].Ok);
        Assert.Equal(-74.96310991107566, r[0].Energy, 14);
        Assert.Equal(-0.06145130878666699, r[0].Gradient![0, 2], 15);
        Assert.False(r[1].Ok);
        Assert.Equal(EngineFailure.InvalidInput, Psi4OutputParser.Classify(r[1].ErrorKind));
        Assert.Contains("chg/mult", r[1].Error);
        Assert.Equal(EngineFailure.NotConverged, Psi4OutputParser.Classify(r[2].ErrorKind));
        Assert.True(r[3].Ok);
    }

    [Fact]
    public void Psi4TruncatedLastLineIsIgnoredButInnerGarbageIsAnError()
    {
        var text = EngineFixtures.Read("psi4-scf-gradient.jsonl");
        var truncated = text[..(text.TrimEnd().Length - 20)];
        var r = Psi4OutputParser.Results(truncated);
        Assert.Equal(3, r.Count);
        Assert.False(r.ContainsKey(3));
        Assert.Throws<FormatException>(() => Psi4OutputParser.Results("{broken\n" + text));
    }

    [Fact]
    public void Psi4ErrorFixtureNamesTheUnknownMethod()
    {
        var r = Psi4OutputParser.Results(EngineFixtures.Read("psi4-errors.jsonl"));
        Assert.Contains("\"foo\" is not available", r[0].Error);
        Assert.Equal(EngineFailure.InvalidInput, Psi4OutputParser.Classify(r[0].ErrorKind));
    }
}
