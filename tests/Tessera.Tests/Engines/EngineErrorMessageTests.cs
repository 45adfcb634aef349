using Tessera.Core;
using Tessera.Engines;

namespace Tessera.Tests.Engines;

/// <summary>The program's own reason reaches the user, and fits on one line where a file must hold it.</summary>
public class EngineErrorMessageTests
{
    private const string XtbShortDistanceOut =
        " normal output ...\n[ERROR] Program stopped due to fatal error\n-3- Some atoms in the start geometry are *very* close\n" +
        "-2- XTB REFUSES TO CONTINUE WITH THIS CALCULATION!\n-1- Found *very* short distance of  0.000E+00 for O1-H2\n" +
        "########################################################################\n";

    private const string XtbShortDistanceErr =
        "ERROR STOP \n\nError termination. Backtrace:\n#0  0x7ff5844218c2 in ???\n#6  0x7ff58414c249 in __libc_start_call_main\n" +
        "\tat ../sysdeps/nptl/libc_start_call_main.h:58\n";

    [Fact]
    public void Xtb_short_distance_comes_first_without_banner_or_backtrace()
    {
        var message = XtbOutputParser.ErrorMessage(XtbShortDistanceOut, XtbShortDistanceErr);
        var lines = message.Split(Environment.NewLine);
        Assert.StartsWith("-1- Found *very* short distance", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain("ERROR STOP", message);
        Assert.DoesNotContain("Program stopped", message);
        Assert.DoesNotContain("####", message);
    }

    [Fact]
    public void Psi4_missing_basis_names_the_basis_but_not_the_search_paths()
    {
        const string error = "BasisSet::construct: Unable to find a basis set for atom 1 for key BASIS among:\n  Shell Entries: ['O']\n" +
                             "  Basis Sets: [('CC-PVQQQ', 'CC-PVQQQ', None)]\n  File Path: /tmp/x, /usr/share/psi4/basis\n  Input Blocks: \n";
        var message = Psi4OutputParser.ErrorMessage("BasisSetNotFound", error);
        Assert.StartsWith("BasisSetNotFound: BasisSet::construct: Unable to find a basis set", message);
        Assert.Contains("CC-PVQQQ", message);
        Assert.DoesNotContain("/usr/share", message);
        Assert.Equal(EngineFailure.InvalidInput, Psi4OutputParser.Classify("BasisSetNotFound"));
    }

    [Fact]
    public void Psi4_fatal_error_lines_are_found_in_the_log()
    {
        const string log = "  ==> Iterations <==\n\n  Fatal Error: not enough memory\n  Error occurred in file: libmints.cc\n  more\n  trailing\n";
        Assert.Equal($"Fatal Error: not enough memory{Environment.NewLine}Error occurred in file: libmints.cc{Environment.NewLine}more",
                     Psi4OutputParser.FatalError(log));
        Assert.Null(Psi4OutputParser.FatalError("all fine\n"));
    }

    [Fact]
    public void Reason_is_one_line_without_the_working_folder()
    {
        var e = new EngineException("xtb", EngineFailure.Crash, "exited with code 1", "/tmp/kept-folder", "-1- first\n\n-2- second\r\n");
        Assert.Equal("xtb: exited with code 1: -1- first; -2- second", e.Reason);
        Assert.Contains("/tmp/kept-folder", e.Message);
        Assert.Equal("psi4: timeout", new EngineException("psi4", EngineFailure.Timeout, "timeout").Reason);
    }

    [Fact]
    public void An_impossible_spin_says_how_to_set_the_charge()
    {
        var oh = new Structure([8, 1], [new Vec3(0, 0, 0), new Vec3(0, 0, 0.97)]);
        var e = Assert.Throws<EngineException>(() => EngineResults.CheckSpin("xtb", oh));
        Assert.Contains("--charge", e.Message);
        Assert.Contains("charge=", e.Message);
    }
}
