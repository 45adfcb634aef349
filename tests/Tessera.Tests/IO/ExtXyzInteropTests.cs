using System.Diagnostics;
using System.Text.Json;
using Tessera.Core;
using Tessera.IO;

namespace Tessera.Tests.IO;

/// <summary>extxyz exchanged with ASE 3.22 (Debian's /usr/bin/python3), in both directions.</summary>
[Trait("Category", "Interop")]
public class ExtXyzInteropTests
{
    private const string Python = "/usr/bin/python3";

    private static string RunPython(string script, params string[] args)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c"); psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"python failed: {stderr.Result}");
        return stdout;
    }

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1e-300, Math.Abs(expected)) || expected == actual,
                    $"expected {expected:R}, got {actual:R}");

    private static double[] Doubles(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Doubles).ToArray() : [e.GetDouble()];

    private const string AseReads = """
import sys, json, ase.io
frames = ase.io.read(sys.argv[1], index=':')
out = []
for a in frames:
    out.append(dict(positions=a.positions.tolist(), cell=a.cell.array.tolist(), pbc=[bool(p) for p in a.pbc],
                    energy=a.get_potential_energy(), forces=a.get_forces().tolist(),
                    label=[str(x) for x in a.arrays['label']], tags=[int(x) for x in a.arrays['tags']],
                    method=a.info['method'], numbers=a.numbers.tolist()))
print(json.dumps(out))
""";

    [Fact]
    public void AseReadsWhatTesseraWrites()
    {
        using var t = new TempDir();
        var frames = Enumerable.Range(0, 3).Select(StructureAssert.Rich).ToList();
        StructureFile.Write(t.File("t.xyz"), frames);
        using var json = JsonDocument.Parse(RunPython(AseReads, t.File("t.xyz")));
        var ase = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, ase.Count);
        for (int f = 0; f < 3; f++)
        {
            var s = frames[f];
            var a = ase[f];
            Assert.Equal(s.Numbers, a.GetProperty("numbers").EnumerateArray().Select(x => x.GetInt32()));
            Zip(Vec3.AsDoubles(s.Positions).ToArray(), Doubles(a.GetProperty("positions")));
            Zip(s.Cell!.Value.ToRowMajor(), Doubles(a.GetProperty("cell")));
            Assert.Equal(s.Pbc, a.GetProperty("pbc").EnumerateArray().Select(x => x.GetBoolean()));
            Close(s.Energy!.Value, a.GetProperty("energy").GetDouble());
            Zip(s.Arrays["forces"].Reals, Doubles(a.GetProperty("forces")));
            Assert.Equal(s.Arrays["label"].Strings, a.GetProperty("label").EnumerateArray().Select(x => x.GetString()));
            Assert.Equal(s.Arrays["tags"].Integers, a.GetProperty("tags").EnumerateArray().Select(x => x.GetInt64()));
            Assert.Equal(s.Info["method"], a.GetProperty("method").GetString());
        }
    }

    private static void Zip(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i]);
    }

    private const string AseWrites = """
import sys, json, numpy as np, ase.io
from ase import Atoms
from ase.calculators.singlepoint import SinglePointCalculator
rng = np.random.default_rng(7)
frames = []
for k in range(2):
    a = Atoms('OH2CNa', positions=rng.normal(size=(5, 3)) * 2, cell=[[6.1, 0.2, 0], [0.3, 7.2, 0], [0, 0.4, 8.3 + k]],
              pbc=[True, k == 0, True])
    a.new_array('tags2', np.arange(5) * (k + 1))
    a.new_array('vel', rng.normal(size=(5, 3)))
    a.new_array('kind', np.array(['w', 'w', 'w', 'c', 'ion']))
    a.new_array('mask', np.array([True, False, True, True, False]))
    a.info['config_type'] = 'bulk water ' + str(k)
    a.info['step'] = 10 + k
    a.info['temperature'] = 300.5
    a.info['ok'] = True
    a.info['vec'] = np.array([1.5, -2.25, 3.0])
    a.calc = SinglePointCalculator(a, energy=-100.123456789 * (k + 1), forces=rng.normal(size=(5, 3)),
                                   stress=rng.normal(size=6))
    frames.append(a)
ase.io.write(sys.argv[1], frames, format='extxyz')
back = ase.io.read(sys.argv[1], index=':')
print(json.dumps([dict(numbers=b.numbers.tolist(), positions=b.positions.tolist(), cell=b.cell.array.tolist(),
                       pbc=[bool(p) for p in b.pbc], energy=b.get_potential_energy(), forces=b.get_forces().tolist(),
                       tags2=b.arrays['tags2'].tolist(), vel=b.arrays['vel'].tolist(), kind=b.arrays['kind'].tolist(),
                       mask=[bool(m) for m in b.arrays['mask']], config_type=b.info['config_type'], step=int(b.info['step']),
                       temperature=float(b.info['temperature']), ok=bool(b.info['ok']), vec=b.info['vec'].tolist(),
                       stress=b.get_stress(voigt=False).reshape(9).tolist()) for b in back]))
""";

    [Fact]
    public void TesseraReadsWhatAseWrites()
    {
        using var t = new TempDir();
        using var json = JsonDocument.Parse(RunPython(AseWrites, t.File("ase.xyz")));
        var ase = json.RootElement.EnumerateArray().ToList();
        var ours = StructureFile.ReadAll(t.File("ase.xyz"));
        Assert.Equal(ase.Count, ours.Count);
        for (int f = 0; f < ours.Count; f++)
        {
            var s = ours[f];
            var a = ase[f];
            Assert.Equal(a.GetProperty("numbers").EnumerateArray().Select(x => x.GetInt32()), s.Numbers);
            Zip(Doubles(a.GetProperty("positions")), Vec3.AsDoubles(s.Positions).ToArray());
            Zip(Doubles(a.GetProperty("cell")), s.Cell!.Value.ToRowMajor());
            Assert.Equal(a.GetProperty("pbc").EnumerateArray().Select(x => x.GetBoolean()), s.Pbc);
            Close(a.GetProperty("energy").GetDouble(), s.Energy!.Value);
            Zip(Doubles(a.GetProperty("forces")), Vec3.AsDoubles(s.Forces!).ToArray());
            Assert.Equal(a.GetProperty("tags2").EnumerateArray().Select(x => x.GetInt64()), s.Arrays["tags2"].Integers);
            Zip(Doubles(a.GetProperty("vel")), s.Arrays["vel"].Reals);
            Assert.Equal(a.GetProperty("kind").EnumerateArray().Select(x => x.GetString()), s.Arrays["kind"].Strings);
            Assert.Equal(a.GetProperty("mask").EnumerateArray().Select(x => x.GetBoolean()), s.Arrays["mask"].Logicals);
            Assert.Equal(a.GetProperty("config_type").GetString(), s.Info["config_type"]);
            Assert.Equal(a.GetProperty("step").GetInt64(), s.Info["step"]);
            Close(a.GetProperty("temperature").GetDouble(), (double)s.Info["temperature"]);
            Assert.Equal(true, s.Info["ok"]);
            Zip(Doubles(a.GetProperty("vec")), (double[])s.Info["vec"]);
            // ASE writes the 3x3 stress flattened in Fortran order; it is symmetric, so row-major reads the same.
            Zip(Doubles(a.GetProperty("stress")), (double[])s.Info["stress"]);
        }
    }

    [Fact]
    public void AseRoundTripOfTesseraFileKeepsInfoTypes()
    {
        // Tessera -> ASE write -> Tessera: what ASE preserves must come back with the same types.
        using var t = new TempDir();
        var s = StructureAssert.Rich(11);
        StructureFile.Write(t.File("in.extxyz"), [s]);
        RunPython("import sys, ase.io; ase.io.write(sys.argv[2], ase.io.read(sys.argv[1], index=':'), format='extxyz')",
                  t.File("in.extxyz"), t.File("out.extxyz"));
        var b = StructureFile.ReadAll(t.File("out.extxyz")).Single();
        Assert.Equal(s.Charge, b.Charge);
        Assert.Equal(s.Multiplicity, b.Multiplicity);
        foreach (var key in new[] { "step", "converged", "method", "tag", "ints", "flags" })
            Assert.Equal(s.Info[key], b.Info[key]);
        Assert.Equal(s.Arrays["label"].Strings, b.Arrays["label"].Strings);
        Assert.Equal(s.Arrays["fixed"].Logicals, b.Arrays["fixed"].Logicals);
        Assert.Equal(s.Arrays["charges"].Reals, b.Arrays["charges"].Reals);
    }
}
