using System.CommandLine;
using Spectre.Console;
using Tessera.Interop;
using Tessera.Models;

namespace Tessera.Cli;

/// <summary><c>tessera serve --model M --structure TEMPLATE (--unix NAME | --host H --port P)</c>: an i-PI driver.
/// The server (i-PI, ASE's SocketIOCalculator) sends positions and cell; species, charge and multiplicity come
/// from the template structure.</summary>
public sealed class ServeCommand : ICliCommand
{
    public Command Build()
    {
        var model = CliCommon.ModelOption();
        var structure = new Option<string>("--structure", "-s") { Description = "Template structure: species, charge, multiplicity, pbc", Required = true };
        var unix = new Option<string?>("--unix") { Description = "Unix socket name (i-PI's /tmp/ipi_NAME) or absolute path" };
        var host = new Option<string>("--host") { Description = "TCP host of the i-PI server", DefaultValueFactory = _ => "localhost" };
        var port = new Option<int?>("--port") { Description = "TCP port of the i-PI server" }.Between(1, 65535);
        var timeout = new Option<double>("--timeout") { Description = "Give up when the server is silent this long, s", DefaultValueFactory = _ => 600 }.Positive();
        var connect = new Option<double>("--connect-timeout") { Description = "Keep retrying the connection this long, s", DefaultValueFactory = _ => 60 }.AtLeast(0.0);
        var initEvery = new Option<bool>("--init-every-step") { Description = "Ask for INIT after every force (ASE's client behaviour)" };
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var cmd = new Command("serve", "Drive a model from an i-PI server (i-PI, ASE SocketIOCalculator) over a Unix or TCP socket");
        foreach (var o in new Option[] { model, structure, unix, host, port, timeout, connect, initEvery, charge, mult }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => CliCommon.Guard(() =>
        {
            var idle = TimeSpan.FromSeconds(pr.GetValue(timeout));
            var wait = TimeSpan.FromSeconds(pr.GetValue(connect));
            var mode = pr.GetValue(initEvery) ? IpiInitMode.EveryStep : IpiInitMode.Once;
            var settings = (pr.GetValue(unix), pr.GetValue(port)) switch
            {
                ({ } name, null) => IpiDriverSettings.Unix(name, idle, wait, mode),
                (null, { } p) => IpiDriverSettings.Tcp(pr.GetValue(host)!, p, idle, wait, mode),
                _ => throw new ArgumentException("Give exactly one of --unix NAME or --port P (with --host)."),
            };
            return Run(pr.GetValue(model)!, pr.GetValue(structure)!, settings, pr.GetValue(charge), pr.GetValue(mult), ct);
        }));
        return cmd;
    }

    public static async Task<int> Run(string model, string structurePath, IpiDriverSettings settings, int? charge, int? multiplicity,
                                      CancellationToken ct)
    {
        var potential = ModelLoader.LoadForTrajectory(model);
        var template = CliCommon.ReadStructure(structurePath, charge, multiplicity, first: true, CliCommon.ModelUnits(potential));
        Console.Error.WriteLine($"tessera serve: {potential.Name} for {template.Formula} at {settings.Describe()}");
        var progress = new CliCommon.Immediate<IpiProgress>(p => { });
        var summary = await IpiDriver.ConnectAndRunAsync(potential, template, settings, progress, ct);
        string end = summary.EndReason == IpiEndReason.Exit ? "server sent EXIT" : "server closed the connection";
        Console.Error.WriteLine($"tessera serve: {summary.Evaluations} evaluations; {end}");
        return 0;
    }
}
