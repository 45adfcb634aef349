using System.CommandLine;
using Tessera.Cli;

var root = new RootCommand("Tessera: machine-learned potential energy surfaces from quantum chemistry, " +
                           "graph-theoretic fragment networks and Behler-Parrinello atomic networks.");
CliTable.ConfigureConsole();
foreach (var command in Commands.All) root.Subcommands.Add(command.Build());
// One signal handler for every command: the first Ctrl+C cancels (engine processes are killed, finished
// work is kept), a second quits at once. System.CommandLine's own handler is off so it cannot kill first.
using var signals = new SignalCancellation(CancellationToken.None);
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, signals.Token);
