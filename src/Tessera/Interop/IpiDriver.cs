using System.Net.Sockets;
using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Interop;

/// <summary>How a driver session ended.</summary>
public enum IpiEndReason
{
    /// <summary>The server sent EXIT.</summary>
    Exit,
    /// <summary>The server closed the connection between complete exchanges (ASE's SocketIOCalculator does this).</summary>
    ServerClosed,
}

/// <summary>Summary of a finished session.</summary>
public sealed record IpiSessionSummary(int Evaluations, IpiEndReason EndReason);

/// <summary>A force evaluation done for the server: energy in eV.</summary>
public readonly record struct IpiProgress(int Evaluations, double Energy);

/// <summary>The i-PI socket protocol as a client: the server (i-PI, ASE's SocketIOCalculator) sends positions and
/// this driver answers with energy, forces and virial of any <see cref="IPotential"/>. i-PI sends positions and
/// cell only; species, charge and multiplicity come from the template structure. Atomic units on the wire.</summary>
public sealed class IpiDriver(IPotential potential, Structure template, IpiDriverSettings settings)
{
    private readonly Structure _structure = template.Clone();
    private bool _initialised, _haveData;
    private PotentialResult? _result;
    private byte[] _extras = [];
    private int _evaluations;

    public static async Task<IpiSessionSummary> ConnectAndRunAsync(IPotential potential, Structure template, IpiDriverSettings settings,
                                                                  IProgress<IpiProgress>? progress = null, CancellationToken ct = default)
    {
        using var socket = await IpiConnection.ConnectAsync(settings, ct);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        return await new IpiDriver(potential, template, settings).RunAsync(stream, progress, ct);
    }

    /// <summary>Serves one conversation on an open stream until EXIT or the server closes the connection.</summary>
    public async Task<IpiSessionSummary> RunAsync(Stream stream, IProgress<IpiProgress>? progress = null, CancellationToken ct = default)
    {
        var wire = new IpiWire(stream, settings.IdleTimeout);
        while (true)
        {
            string? header = await wire.ReadHeaderAsync(ct);
            switch (header)
            {
                case null when _haveData:
                    throw new IpiProtocolException("The i-PI server closed the connection before collecting the forces it asked for.");
                case null:
                    return new IpiSessionSummary(_evaluations, IpiEndReason.ServerClosed);
                case "EXIT":
                    return new IpiSessionSummary(_evaluations, IpiEndReason.Exit);
                case "STATUS":
                    await SendHeaderAsync(wire, Status(), ct);
                    break;
                case "INIT":
                    await ReceiveInitAsync(wire, ct);
                    break;
                case "POSDATA":
                    await ReceivePositionsAsync(wire, ct);
                    progress?.Report(new IpiProgress(_evaluations, _result!.Energy));
                    break;
                case "GETFORCE":
                    await SendForcesAsync(wire, ct);
                    break;
                default:
                    throw new IpiProtocolException($"Unexpected i-PI message '{header}' (expected STATUS, INIT, POSDATA, GETFORCE or EXIT).");
            }
        }
    }

    private string Status() => !_initialised ? "NEEDINIT" : _haveData ? "HAVEDATA" : "READY";

    private static Task SendHeaderAsync(IpiWire wire, string header, CancellationToken ct) =>
        wire.SendAsync(new IpiMessage(IpiWire.HeaderLength).Header(header), header, ct);

    private async Task ReceiveInitAsync(IpiWire wire, CancellationToken ct)
    {
        int bead = await wire.ReadInt32Async("the INIT bead index", ct);
        int length = await wire.ReadInt32Async("the INIT string length", ct);
        if (bead < 0 || length is < 0 or > 1 << 24)
            throw new IpiProtocolException($"Malformed INIT: bead index {bead}, string length {length}.");
        await wire.ReadBytesAsync(length, "the INIT string", ct);
        _initialised = true;
    }

    private async Task ReceivePositionsAsync(IpiWire wire, CancellationToken ct)
    {
        if (!_initialised) throw new IpiProtocolException("POSDATA arrived before INIT.");
        if (_haveData) throw new IpiProtocolException("POSDATA arrived while the previous forces were not yet collected.");
        var h = await wire.ReadDoublesAsync(9, "the POSDATA cell", ct);
        await wire.ReadDoublesAsync(9, "the POSDATA inverse cell", ct);
        int n = await wire.ReadInt32Async("the POSDATA atom count", ct);
        if (n != _structure.Count)
            throw new IpiProtocolException($"The i-PI server sent {n} atoms but the template structure has {_structure.Count}.");
        var r = await wire.ReadDoublesAsync(3 * n, "the POSDATA positions", ct);
        for (int i = 0; i < n; i++)
            _structure.Positions[i] = Units.Bohr * new Vec3(r[3 * i], r[3 * i + 1], r[3 * i + 2]);
        // h holds the lattice vectors as columns (C order); Tessera's cell has them as rows.
        if (_structure.IsPeriodic) _structure.Cell = Units.Bohr * Mat3.FromRowMajor(h).Transpose();
        var needs = _structure.IsPeriodic ? Needs.Forces | Needs.Virial : Needs.Forces;
        if (potential.GivesAtomEnergies) needs |= Needs.AtomEnergies;
        var result = potential.ComputeWithAnySpread(_structure, needs);
        // A NaN sent back would corrupt the server's run; stop with the reason instead.
        _result = result.Mean.RequireFinite(potential.Name, $"the i-PI server's geometry {_evaluations + 1}");
        _extras = IpiExtras.Json(_result.AtomEnergies, potential.HasSpread() ? result.EnergySpread : null);
        if (_result.RequireForces().Length != n) throw new InvalidOperationException($"{potential.Name} returned the wrong number of forces.");
        _haveData = true;
        _evaluations++;
    }

    private async Task SendForcesAsync(IpiWire wire, CancellationToken ct)
    {
        if (!_haveData || _result is null) throw new IpiProtocolException("GETFORCE arrived before any POSDATA.");
        var forces = _result.RequireForces();
        var virial = _result.Virial ?? Mat3.Zero;
        var message = new IpiMessage(IpiWire.HeaderLength + 8 + 4 + 24 * forces.Length + 72 + 4 + _extras.Length)
            .Header("FORCEREADY")
            .Doubles([_result.Energy], 1 / Units.Hartree)
            .Int32(forces.Length)
            .Doubles(Vec3.AsDoubles(forces.AsSpan()), 1 / Units.HartreePerBohr)
            .Doubles(virial.Transpose().ToRowMajor(), 1 / Units.Hartree) // i-PI reads the virial transposed, like h
            .Int32(_extras.Length)
            .Bytes(_extras);
        await wire.SendAsync(message, "FORCEREADY", ct);
        _haveData = false;
        if (settings.InitMode == IpiInitMode.EveryStep) _initialised = false;
    }
}
