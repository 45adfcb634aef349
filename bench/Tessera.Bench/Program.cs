using Tessera.Bench;

// Usage: dotnet run -c Release --project bench/Tessera.Bench -- [name ...]   (no name: list them)
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("Benchmarks (pass one or more names, or 'all'):");
    foreach (var b in Benchmarks.All) Console.WriteLine($"  {b.Name,-24} {b.Description}");
    return 0;
}
var chosen = args.Contains("all") ? Benchmarks.All : Benchmarks.All.Where(b => args.Contains(b.Name)).ToArray();
var unknown = args.Where(a => a != "all" && Benchmarks.All.All(b => b.Name != a)).ToArray();
if (unknown.Length > 0) { Console.Error.WriteLine($"Unknown benchmark(s): {string.Join(", ", unknown)}"); return 2; }
foreach (var b in chosen)
{
    Console.WriteLine($"## {b.Name}: {b.Description}");
    b.Run();
    Console.WriteLine();
}
return 0;
