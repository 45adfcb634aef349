namespace Tessera.Interop;

/// <summary>The i-PI conversation failed: a malformed or unexpected message, a dropped connection, or a timeout.
/// The message says what was expected and what arrived.</summary>
public sealed class IpiProtocolException(string message, Exception? inner = null) : Exception(message, inner);
