using System.CommandLine;
using Tessera.Cli;

var root = new RootCommand("Tessera: machine-learned potential energy surfaces from quantum chemistry, " +
                           "graph-theoretic fragment networks and Behler-Parrinello atomic networks.");
foreach (var command in Commands.All) root.Subcommands.Add(command.Build());
return await root.Parse(args).InvokeAsync();
