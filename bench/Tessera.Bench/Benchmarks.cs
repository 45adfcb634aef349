namespace Tessera.Bench;

/// <summary>The table of benchmarks: adding one means adding one line here.</summary>
public static class Benchmarks
{
    public static readonly IBenchmark[] All =
    [
        new BpnnBenchmark(),
        new N2p2PotentialsBenchmark(),
        new EnginesBenchmark(),
        new Md1Benchmark(),
        new MdBenchmark(),
        new FragmentsBenchmark(),
        new FragmentNetworksBenchmark(),
        new ShippedModelBenchmark(),
        new N2p2SideBySideBenchmark(),
        new FragmentStandInData(),
        new ScalingBenchmark(),
    ];
}
