namespace Tessera.Cli;

/// <summary>The table of subcommands: adding a command means adding one line here.</summary>
public static class Commands
{
    public static readonly ICliCommand[] All =
    [
        new ConvertCommand(),
        new CalcCommand(),
        new MdCommand(),
        new OptimizeCommand(),
        new ModesCommand(),
        new CheckCommand(),
        new ServeCommand(),
        new FragmentCommand(),
        new PoolCommand(),
        new SelectCommand(),
        new LabelCommand(),
        new DatasetCommand(),
        new SampleCommand(),
        new TrainCommand(),
        new PredictCommand(),
        new EvaluateCommand(),
        new NoveltyCommand(),
        new RefineCommand(),
        new DoctorCommand(),
    ];
}
