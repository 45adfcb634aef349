using Tessera.Networks;

namespace Tessera.FragmentNetworks;

/// <summary>Training that continues from a model's networks (refinement for a larger system, issue 14): a type the model
/// knows keeps its descriptor, its input and output standardisation and its weights and trains on from there, so what it
/// learnt is the starting point rather than lost (pass the old data too, as replay, to keep it); a type it does not know
/// gets new networks. The standardisation stays the model's: rescaling the inputs would turn trained weights into
/// different functions.</summary>
public static class WarmStart
{
    /// <summary>Checks that networks trained with <paramref name="settings"/> on data with <paramref name="fragmentation"/>
    /// can start from <paramref name="start"/>; the message names what differs and the option to change.</summary>
    public static void RequireCompatible(FragmentNetworkModel start, Fragments.FragmentSettings fragmentation,
                                         Descriptors.FragmentDescriptorSettings descriptor, FragmentTrainingSettings settings)
    {
        if (!SameFragmentation(start.Fragmentation, fragmentation))
            throw new ArgumentException($"The starting model was trained with the fragmentation {start.Fragmentation}, the data with {fragmentation}: " +
                                        "cutoff, switching and bond tolerance must be the model's (the rank may be higher).");
        if (!Equals(start.DescriptorSettings, descriptor))
            throw new ArgumentException("The starting model's descriptor settings differ from the ones training would use.");
        if (start.Target != settings.Target)
            throw new ArgumentException($"The starting model learns {Name(start.Target)}, training was asked for {Name(settings.Target)} (--target).");
        var type = start.Types.First();
        var widths = type.Members[0].LayerSizes.Skip(1).SkipLast(1).ToArray();
        if (type.Members.Count != settings.Ensemble || !widths.SequenceEqual(settings.Hidden) ||
            type.Members[0].LayerActivations[0] != settings.Activation)
            throw new ArgumentException($"The starting model has {type.Members.Count} networks per type of hidden widths {string.Join(",", widths)} " +
                                        $"({type.Members[0].LayerActivations[0]}); training was asked for {settings.Ensemble} of {string.Join(",", settings.Hidden)} " +
                                        $"({settings.Activation}): give --ensemble, --hidden and --activation as the model's.");
    }

    /// <summary>A trainable copy of the model's networks of <paramref name="type"/>, or null when the model lacks the type.</summary>
    /// <param name="elements">Elements of the type's data: all must be in the model's descriptor.</param>
    public static FragmentTypeNetworks? Continued(FragmentNetworkModel start, string type, IEnumerable<int> elements)
    {
        if (!start.Knows(type)) return null;
        var t = start.For(type);
        var unknown = elements.Distinct().Where(z => !t.Descriptor.Elements.Contains(z)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Fragment type {type}: the data has element(s) {string.Join(", ", unknown.Select(z => Core.Element.FromNumber(z).Symbol))} " +
                                        "that the starting model's descriptor for this type does not know; train this type afresh (without the starting model).");
        return new FragmentTypeNetworks(t.Type, t.Descriptor, (double[])t.InputMean.Clone(), (double[])t.InputScale.Clone(), t.OutputMean,
                                        t.OutputScale, t.Members.Select(m => m.Clone()).ToArray());
    }

    /// <summary>The settings that decide which units there are and which fragments join them. The rank may differ: a refinement
    /// may add a higher rank, whose types get new networks.</summary>
    private static bool SameFragmentation(Fragments.FragmentSettings a, Fragments.FragmentSettings b) =>
        a.Cutoff == b.Cutoff && a.SwitchOn == b.SwitchOn && a.Switch == b.Switch && a.BondTolerance == b.BondTolerance;

    private static string Name(Fragments.FragmentTarget t) => t == Fragments.FragmentTarget.Increment ? "many-body increments" : "fragment energies";
}
