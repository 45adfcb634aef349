using System.Runtime.InteropServices;

namespace Tessera.Cli;

/// <summary>Turns the first SIGINT/SIGTERM into a cancellation (so running engine processes are killed and finished
/// work is kept); a second signal terminates at once. Needed because the invocation pipeline, as used here, lets the
/// default signal action kill the process, which orphans child engine processes (measured with psi4).</summary>
internal sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly PosixSignalRegistration[] _registrations;

    public SignalCancellation(CancellationToken outer)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    public CancellationToken Token => _cts.Token;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = !_cts.IsCancellationRequested; // the second signal takes its default action
        if (context.Cancel)
        {
            Console.Error.WriteLine("stopping: waiting for running calculations to be killed (signal again to quit at once)...");
            _cts.Cancel();
        }
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cts.Dispose();
    }
}
