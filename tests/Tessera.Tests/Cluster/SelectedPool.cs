using Tessera.Cli;
using Tessera.Data;
using Tessera.Tests.Data;

namespace Tessera.Tests.Cluster;

/// <summary>What the campaign tests start from: a temporary folder holding pool.extxyz.gz (the given fragments) and
/// selection.json (every one of them selected); deleted on dispose.</summary>
public sealed class SelectedPool : IDisposable
{
    public SelectedPool(List<PoolFragment> pool)
    {
        FragmentPool.Write(Path.Combine(Dir, "pool.extxyz.gz"), pool);
        Assert.Equal(0, SelectCommand.Run(Path.Combine(Dir, "pool.extxyz.gz"), 1.0, 0, Path.Combine(Dir, "selection.json"), false));
    }

    public string Dir { get; } = Temp.Folder();

    public void Dispose() => Directory.Delete(Dir, true);
}
