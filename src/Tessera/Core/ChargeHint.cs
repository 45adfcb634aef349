namespace Tessera.Core;

/// <summary>What to tell a user whose structure has an impossible electron count: plain xyz carries no charge, so
/// an ion read from it is neutral until the user says otherwise.</summary>
public static class ChargeHint
{
    public const string Text = "set the total charge and spin with --charge/--multiplicity or charge=/multiplicity= in the comment line";
}
