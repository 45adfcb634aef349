using Tessera.Data;

namespace Tessera.Tests.Data;

/// <summary>The split of a selection into the shards of a Slurm campaign: every fragment in exactly one shard, each
/// fragment type dealt evenly, the same shards whatever order the fragments come in, and clear refusals.</summary>
public class LabelShardsTests
{
    [Fact]
    public void Shards_cover_the_selection_once_and_deal_each_type_evenly()
    {
        var pool = TestPools.Water(7); // 14 monomers, 7 dimers
        var shards = Enumerable.Range(0, 4).Select(k => LabelShards.Of(pool, k, 4)).ToArray();
        var all = shards.SelectMany(s => s.Select(f => f.Id)).ToArray();
        Assert.Equal(pool.Count, all.Length);
        Assert.Equal(pool.Select(f => f.Id).Order(), all.Order());
        foreach (var type in new[] { TestPools.Monomer, TestPools.Dimer })
        {
            var counts = shards.Select(s => s.Count(f => f.Type == type)).ToArray();
            Assert.True(counts.Max() - counts.Min() <= 1, $"{type}: {string.Join(", ", counts)} per shard");
        }
        Assert.All(shards, s => Assert.Equal(s.Select(f => f.Id).Order(), s.Select(f => f.Id)));
        var shuffled = pool.OrderBy(f => (f.Id * 7919) % 23).ToArray();
        for (int k = 0; k < 4; k++) Assert.Equal(shards[k].Select(f => f.Id), LabelShards.Of(shuffled, k, 4).Select(f => f.Id));
    }

    [Theory]
    [InlineData(0, 22, "at most 21")]
    [InlineData(4, 4, "between 0 and 3")]
    [InlineData(-1, 4, "between 0 and 3")]
    public void Impossible_shards_are_refused(int shard, int shards, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => LabelShards.Of(TestPools.Water(7), shard, shards));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void Parses_k_of_n(string text, int k, int n) => Assert.Equal((k, n), LabelShards.Parse(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("1")]
    [InlineData("-1/4")]
    [InlineData("a/b")]
    [InlineData("1/0")]
    public void Refuses_what_is_not_k_of_n(string text) =>
        Assert.Contains("K/N", Assert.Throws<ArgumentException>(() => LabelShards.Parse(text)).Message);
}
