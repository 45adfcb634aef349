using Tessera.Core;
using Tessera.Networks;

namespace Tessera.FragmentNetworks;

/// <summary>One ensemble member of one fragment type as a checkpoint keeps it: everything its fit needs to go on exactly
/// as if it had not stopped (the loop's state, the current weights, the optimiser's state and the learning curve so far;
/// Adam's batch order is replayed from its seed), or, when <paramref name="Finished"/>, its final weights and curve.</summary>
public sealed record MemberCheckpoint(string Type, int Member, bool Finished, TrainingLoopSnapshot Loop, double[] Parameters,
                                      AdamState? Adam, LbfgsState? Lbfgs, EpochPoint[] Points)
{
    /// <summary>A finished member: its final (best) weights, the loop's last state and its curve.</summary>
    public static MemberCheckpoint Final(string type, int member, TrainingLoopSnapshot loop, double[] parameters, EpochPoint[] points) =>
        new(type, member, true, loop with { Best = [] }, (double[])parameters.Clone(), null, null, points);
}
