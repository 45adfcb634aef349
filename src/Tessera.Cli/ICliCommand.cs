using System.CommandLine;

namespace Tessera.Cli;

/// <summary>One `tessera` subcommand: builds its System.CommandLine definition and action.</summary>
public interface ICliCommand
{
    Command Build();
}
