namespace Tessera.Core;

/// <summary>An exception's message as a user should read it: an ArgumentException's "(Parameter 'dtFs')" names a
/// variable of ours, not anything the user typed, and is left out.</summary>
public static class UserMessage
{
    public static string Of(Exception e) => e is ArgumentException { ParamName: { } p }
        ? e.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal)
        : e.Message;
}
