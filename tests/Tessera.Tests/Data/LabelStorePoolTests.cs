using Tessera.Data;
using Tessera.Fragments;
using Tessera.Tests.FragmentNetworks;

namespace Tessera.Tests.Data;

/// <summary>Labels are kept by fragment id, so a store must refuse a pool whose ids name other fragments (a pool rebuilt
/// from other frames once gave such a store silently mixed labels).</summary>
public class LabelStorePoolTests
{
    private static IReadOnlyList<PoolFragment> Pool(int seed) =>
        FragmentPoolBuilder.Build([ToyDeltaData.Cluster(4, seed)], FragmentSettings.Create(1, 3.6));

    [Fact]
    public void A_store_bound_to_one_pool_refuses_another_and_says_how_to_reuse_its_results()
    {
        var path = Path.Combine(Path.GetTempPath(), $"labels-{Guid.NewGuid():N}.sqlite");
        try
        {
            var a = FragmentPool.Fingerprint(Pool(1));
            var b = FragmentPool.Fingerprint(Pool(2));
            Assert.NotEqual(a, b);
            Assert.Equal(a, FragmentPool.Fingerprint(Pool(1)));
            var store = new LabelStore(path);
            store.RequirePool(a, "a.extxyz.gz", bind: true);
            store.RequirePool(a, "a.extxyz.gz", bind: true);
            var e = Assert.Throws<LabelStoreException>(() => new LabelStore(path).RequirePool(b, "b.extxyz.gz", bind: false));
            Assert.Contains("another fragment pool (a.extxyz.gz)", e.Message);
            Assert.Contains("b.extxyz.gz", e.Message);
            Assert.Contains("--cache", e.Message);
        }
        finally { foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*")) File.Delete(f); }
    }

    [Fact]
    public void A_reader_does_not_bind_an_unbound_store()
    {
        var path = Path.Combine(Path.GetTempPath(), $"labels-{Guid.NewGuid():N}.sqlite");
        try
        {
            var store = new LabelStore(path);
            store.RequirePool(FragmentPool.Fingerprint(Pool(1)), "a", bind: false);
            store.RequirePool(FragmentPool.Fingerprint(Pool(2)), "b", bind: true); // still unbound: the first to bind wins
            Assert.Throws<LabelStoreException>(() => store.RequirePool(FragmentPool.Fingerprint(Pool(1)), "a", bind: false));
        }
        finally { foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*")) File.Delete(f); }
    }
}
