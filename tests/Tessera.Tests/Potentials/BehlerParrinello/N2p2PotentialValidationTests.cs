using Tessera.IO;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Tests.BadInput;
using Tessera.Tests.IO;

namespace Tessera.Tests.Potentials.BehlerParrinello;

/// <summary>A damaged n2p2 potential is refused with the file, line and problem (never loaded with shifted
/// statistics, a wrong element or NaN weights); reordered but complete files still load the same model.</summary>
public class N2p2PotentialValidationTests
{
    public static TheoryData<string> Ids => [.. N2p2ModelDamages.All.Select(d => d.Id)];

    [Theory, MemberData(nameof(Ids))]
    public void Damaged_potential_is_refused_naming_file_and_line(string id)
    {
        var d = N2p2ModelDamages.All.Single(x => x.Id == id);
        using var t = new TempDir();
        N2p2ModelDamages.WriteTo(d, t.Dir);
        var e = Record.Exception(() => N2p2Potential.Read(t.Dir));
        Assert.True(e is FileFormatException or FileNotFoundException, $"expected a file error, got {e}");
        foreach (var word in d.MustName) Assert.Contains(word, e.Message);
    }

    [Fact]
    public void Scaling_rows_in_another_order_give_the_same_model()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        N2p2ModelDamages.WriteTo(new N2p2ModelDamage("intact", N2p2ModelDamages.Intact.ToDictionary(p => p.Key, p => (string?)p.Value), []), a.Dir);
        N2p2ModelDamages.WriteTo(new N2p2ModelDamage("intact", N2p2ModelDamages.Intact.ToDictionary(p => p.Key, p => (string?)p.Value), []), b.Dir);
        var lines = File.ReadAllLines(Path.Combine(b.Dir, "scaling.data"));
        var comments = lines.TakeWhile(l => l.StartsWith('#'));
        File.WriteAllLines(Path.Combine(b.Dir, "scaling.data"), [.. comments, .. lines.SkipWhile(l => l.StartsWith('#')).Reverse()]);
        var (x, y) = (N2p2Potential.Read(a.Dir), N2p2Potential.Read(b.Dir));
        for (int e = 0; e < x.Elements.Count; e++)
            Assert.Equal(x.Elements[e].Scalings.Select(s => s.Statistics), y.Elements[e].Scalings.Select(s => s.Statistics));
    }
}
