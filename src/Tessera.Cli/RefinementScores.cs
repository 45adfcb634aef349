using Tessera.FragmentNetworks;
using Tessera.IO;
using Tessera.Transfer;

namespace Tessera.Cli;

/// <summary>A model's scores on a refinement's test sets, through the same evaluation as `tessera evaluate`: fragment-level
/// errors per rank, and per truncation rank the total energies of full frames against full-system references and the ab
/// initio fragment assembly, next to the low level + offset.</summary>
internal static class RefinementScores
{
    public static TestScore[] Of(string modelPath, IReadOnlyList<string> tests, CancellationToken ct) =>
        tests.Select(test =>
        {
            var frames = StructureFile.Read(test).ToList();
            var e = EvaluateCommand.Evaluate(modelPath, frames, null, null, "energy_high", null, ct);
            var fragments = e.Fragments?.PerRank.Select(r => new RankScore(r.Rank, r.Errors.Count, r.Errors.Mae)).ToArray() ?? [];
            var totals = e.Structures.Select(s => new FrameScore(s.Rank, s.Points.Count, s.VersusFull.Mae, s.VersusFull.ShiftedMae, s.VersusFragments.Mae)).ToArray();
            return new TestScore(Path.GetFileName(test), e.Fragments?.All.Mae ?? double.NaN, fragments, totals, EvaluateCommand.Baseline(frames, "energy_high")?.ShiftedMae ?? double.NaN,
                                 e.Fragments?.SpreadErrorCorrelation ?? double.NaN);
        }).ToArray();
}
