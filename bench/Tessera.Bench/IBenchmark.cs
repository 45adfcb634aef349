namespace Tessera.Bench;

/// <summary>One benchmark: runs its workload and prints its figures.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    void Run();
}
