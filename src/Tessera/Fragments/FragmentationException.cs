namespace Tessera.Fragments;

/// <summary>A structure cannot be split into units or fragments as asked (ambiguous charges, odd
/// electron counts without multiplicities, a cutoff too long for the cell, ...).</summary>
public class FragmentationException(string message) : Exception(message);

/// <summary>The atoms' assignment to units changed between two calls (e.g. a Grotthuss proton hop)
/// and the settings ask for an error.</summary>
public sealed class UnitReassignmentException(UnitReassignment change)
    : FragmentationException(change.Describe() + " To go on through it, set reassign=blend (smooth) or reassign=freeze (fixed units) in the fragment settings.")
{
    public UnitReassignment Change { get; } = change;
}
