namespace Tessera.Cli;

/// <summary>The table of subcommands: adding a command means adding one line here.</summary>
public static class Commands
{
    public static readonly ICliCommand[] All =
    [
        new ConvertCommand(),
        new CalcCommand(),
        new TrainBpnnCommand(),
        new PredictCommand(),
    ];
}
