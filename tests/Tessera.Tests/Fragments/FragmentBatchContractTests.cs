using Tessera.Core;
using Tessera.Fragments;
using Tessera.Potentials;

namespace Tessera.Tests.Fragments;

/// <summary>The fragment assembly takes any <see cref="IBatchPotential"/>'s batch path, engine or not, with the same numbers.</summary>
public class FragmentBatchContractTests
{
    /// <summary>A batch potential that is no engine: counts the members its batches were given.</summary>
    private sealed class CountingBatch(IPotential inner) : IBatchPotential
    {
        private int _members;
        public int Members => _members;
        public string Name => "batch:" + inner.Name;
        public PotentialResult Compute(Structure s, Needs needs = Needs.Forces) => inner.Compute(s, needs);

        public IReadOnlyList<IBatchOutcome> ComputeBatch(IReadOnlyList<Structure> structures, Needs needs,
                                                         CancellationToken ct = default, IProgress<int>? progress = null)
        {
            Interlocked.Add(ref _members, structures.Count);
            return structures.Select(s => new Outcome(inner.Compute(s, needs))).ToArray();
        }
    }

    private sealed record Outcome(PotentialResult Result) : IBatchOutcome
    {
        PotentialResult? IBatchOutcome.Result => Result;
        public Exception? Error => null;
        public double WallSeconds => 0;
        public bool Succeeded => true;
        public PotentialResult Require() => Result;
    }

    [Fact]
    public void A_batch_level_is_asked_in_batches_and_gives_the_parallel_result()
    {
        var s = WaterClusters.Build(WaterClusters.Grid(5, 2.8, 3), 3, protonated: true);
        var settings = FragmentSettings.Create(2, 3.3);
        var high = new HarmonicTestPotential(0.005);
        var batch = new CountingBatch(high);

        var batched = new FragmentPotential(batch, null, settings).Compute(s);
        var parallel = new FragmentPotential(high, null, settings).Compute(s);

        Assert.True(batch.Members > 1);
        Assert.Equal(parallel.Energy, batched.Energy, 12);
        for (int i = 0; i < s.Count; i++) Assert.True((parallel.Forces![i] - batched.Forces![i]).Length < 1e-12);
    }
}
