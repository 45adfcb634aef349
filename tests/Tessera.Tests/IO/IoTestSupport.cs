using Tessera.Core;

namespace Tessera.Tests.IO;

/// <summary>A temporary folder per test and bitwise structure comparison.</summary>
public sealed class TempDir : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("tessera-io-").FullName;
    public string File(string name) => Path.Combine(Dir, name);
    public string Write(string name, string text) { var p = File(name); System.IO.File.WriteAllText(p, text); return p; }
    public void Dispose() => Directory.Delete(Dir, true);
}

public static class StructureAssert
{
    /// <summary>Exact equality: numbers, positions and cell bit for bit, pbc, charge, multiplicity, info and arrays.</summary>
    public static void Identical(Structure a, Structure b)
    {
        Assert.Equal(a.Numbers, b.Numbers);
        Assert.Equal(a.Positions, b.Positions);
        Assert.Equal(a.Cell, b.Cell);
        Assert.Equal(a.Pbc, b.Pbc);
        Assert.Equal(a.Charge, b.Charge);
        Assert.Equal(a.Multiplicity, b.Multiplicity);
        Assert.Equal(a.Info.Keys.Order(), b.Info.Keys.Order());
        foreach (var (k, v) in a.Info)
        {
            Assert.Equal(v.GetType(), b.Info[k].GetType());
            Assert.Equal(v, b.Info[k]);
        }
        Assert.Equal(a.Arrays.Keys.Order(), b.Arrays.Keys.Order());
        foreach (var (k, v) in a.Arrays)
        {
            Assert.Equal(v.Kind, b.Arrays[k].Kind);
            Assert.Equal(v.Columns, b.Arrays[k].Columns);
            Assert.Equal(v.Data, b.Arrays[k].Data);
        }
    }

    /// <summary>A periodic frame carrying every kind of info value and per-atom array.</summary>
    public static Structure Rich(int seed)
    {
        var rng = new Random(seed);
        var s = TestStructures.WaterDimer();
        var r = s.Positions.Select(p => p + new Vec3(rng.NextDouble() / 3, -rng.NextDouble() / 7, rng.NextDouble() * 1e-9)).ToArray();
        var t = new Structure(s.Numbers, r, new Mat3(new(10.1 + rng.NextDouble(), 0.3, 0), new(-0.1, 9.7, 0.2), new(0.01, 0.02, 11.0 / 3)),
                              [true, true, false], charge: -1, multiplicity: 2);
        t.Info["energy"] = -76.123456789012345 * (1 + rng.NextDouble());
        t.Info["step"] = 42L;
        t.Info["converged"] = true;
        t.Info["method"] = "PBE0 \"tight\" grid [a=b]";
        t.Info["tag"] = "md";
        t.Info["stress"] = Enumerable.Range(0, 9).Select(i => rng.NextDouble() - 0.5).ToArray();
        t.Info["dipole"] = new[] { 0.1, -2.0, 1e-20 };
        t.Info["ints"] = new long[] { 1, -2, 3 };
        t.Info["flags"] = new[] { true, false };
        t.Info["whole"] = 3.0;
        t.Info["tiny"] = 5e-324;
        t.Arrays["forces"] = PerAtomArray.Real(Enumerable.Range(0, 18).Select(_ => rng.NextDouble() - 0.5).ToArray(), 3);
        t.Arrays["charges"] = PerAtomArray.Real([-0.8, 0.4, 0.4, -0.8, 0.4, 0.4]);
        t.Arrays["tags"] = PerAtomArray.Integer([0, 1, 2, 3, 4, int.MaxValue]); // extxyz I columns are int32 in ASE
        t.Arrays["label"] = PerAtomArray.Text(["Ow", "Hw", "Hw", "Ow", "Hw", "Hw"]);
        t.Arrays["fixed"] = PerAtomArray.Logical([true, false, false, true, false, true, false, true, false, true, false, true], 2);
        return t;
    }
}
