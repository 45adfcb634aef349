using Tessera.Data;
using Tessera.IO;

namespace Tessera.Tests.Data;

public class SelectionTests
{
    [Fact]
    public void Selection_is_reproducible_by_seed_and_sized_by_fraction()
    {
        var pool = TestPools.Water(60);
        var a = FragmentSelector.Select(pool, SelectionSettings.Create(0.1, seed: 4));
        var b = FragmentSelector.Select(pool, SelectionSettings.Create(0.1, seed: 4));
        Assert.Equal(a.SelectedIds(), b.SelectedIds());
        foreach (var t in a.Types)
        {
            Assert.Equal(t.Tessellation.Centroids, b.ForType(t.Type)!.Tessellation.Centroids);
            int n = pool.Count(f => f.Type == t.Type);
            Assert.Equal(n, t.PoolIds.Length);
            Assert.Equal((int)Math.Round(0.1 * n), t.Tessellation.Cells);
            Assert.InRange(t.Selected.Length, t.Tessellation.Cells - 1, t.Tessellation.Cells);
            Assert.All(t.Selected, id => Assert.Equal(t.Type, pool.Single(f => f.Id == id).Type));
        }
        var c = FragmentSelector.Select(pool, SelectionSettings.Create(0.1, seed: 5));
        Assert.NotEqual(a.SelectedIds(), c.SelectedIds());
    }

    [Fact]
    public void Selected_members_are_nearest_their_centroids()
    {
        var pool = TestPools.Water(40);
        var doc = FragmentSelector.Select(pool, SelectionSettings.Create(0.1, seed: 1));
        var settings = doc.Settings.Descriptor;
        foreach (var t in doc.Types)
        {
            var members = t.PoolIds.Select(id => pool.Single(f => f.Id == id)).ToArray();
            var d = new Tessera.Descriptors.FragmentDescriptor(settings, t.Elements);
            var x = FragmentSelector.Descriptors(d, members);
            // Independent check: brute-force nearest member to each centroid in scaled space.
            var tess = t.Tessellation;
            for (int c = 0; c < tess.Cells; c++)
            {
                int best = -1; double bestD = double.PositiveInfinity;
                for (int i = 0; i < members.Length; i++)
                {
                    var (cell, dist, _) = tess.Locate(x.AsSpan(i * d.Length, d.Length));
                    if (cell == c && dist < bestD) { bestD = dist; best = i; }
                }
                if (best >= 0) Assert.Contains(members[best].Id, t.Selected);
            }
        }
    }

    [Fact]
    public void Random_selection_has_the_same_size_and_is_reproducible()
    {
        var pool = TestPools.Water(60);
        var tess = FragmentSelector.Select(pool, SelectionSettings.Create(0.1, seed: 2));
        var r1 = FragmentSelector.Select(pool, SelectionSettings.Create(0.1, seed: 2, random: true));
        var r2 = FragmentSelector.Select(pool, SelectionSettings.Create(0.1, seed: 2, random: true));
        Assert.Equal(r1.SelectedIds(), r2.SelectedIds());
        Assert.Equal(tess.SelectedIds().Length, r1.SelectedIds().Length);
        Assert.NotEqual(tess.SelectedIds(), r1.SelectedIds());
        Assert.Equal(SelectionSettings.Random, r1.Settings.Method);
    }

    [Fact]
    public void A_type_fraction_sizes_its_type_and_is_recorded()
    {
        var pool = TestPools.Water(60);
        var settings = SelectionSettings.Create(0.1, seed: 4, typeFractions: new Dictionary<string, double> { [TestPools.Dimer] = 0.3 });
        var doc = FragmentSelector.Select(pool, settings);
        Assert.Equal(12, doc.ForType(TestPools.Monomer)!.Tessellation.Cells);  // 10% of 120 monomers
        Assert.Equal(18, doc.ForType(TestPools.Dimer)!.Tessellation.Cells);    // 30% of 60 dimers
        var path = Path.Combine(Temp.Folder(), "selection.json");
        SelectionFile.Write(path, doc);
        Assert.Equal(0.3, SelectionFile.Read(path).Settings.FractionOf(TestPools.Dimer));
        Assert.Equal(0.1, SelectionFile.Read(path).Settings.FractionOf(TestPools.Monomer));
        var unknown = Assert.Throws<ArgumentException>(() => FragmentSelector.Select(pool,
            SelectionSettings.Create(0.1, typeFractions: new Dictionary<string, double> { ["r1:H2O,H3O+"] = 0.3 })));
        Assert.Contains("r1:H2O,H3O+", unknown.Message);
        Assert.Contains(TestPools.Dimer, unknown.Message);
        Assert.Throws<ArgumentException>(() => SelectionSettings.Create(0.1, typeFractions: new Dictionary<string, double> { [TestPools.Dimer] = 1.5 }));
    }

    [Fact]
    public void Selection_file_round_trips()
    {
        var pool = TestPools.Water(30);
        var doc = FragmentSelector.Select(pool, SelectionSettings.Create(0.2, seed: 3), "pool.extxyz");
        var path = Path.Combine(Temp.Folder(), "selection.json");
        SelectionFile.Write(path, doc);
        var back = SelectionFile.Read(path);
        Assert.Equal(doc.SelectedIds(), back.SelectedIds());
        Assert.Equal(doc.Settings.Descriptor, back.Settings.Descriptor);
        Assert.Equal(doc.PoolSize, back.PoolSize);
        foreach (var t in doc.Types)
        {
            var u = back.ForType(t.Type)!.Tessellation;
            Assert.Equal(t.Tessellation.Centroids, u.Centroids);
            Assert.Equal(t.Tessellation.Radii, u.Radii);
            Assert.Equal(t.Tessellation.Scale, u.Scale);
            Assert.Equal(t.Tessellation.Mean, u.Mean);
        }
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("version")]
    [InlineData("inconsistent")]
    public void Broken_selection_file_names_the_file(string damage)
    {
        var doc = FragmentSelector.Select(TestPools.Water(20), SelectionSettings.Create(0.2, seed: 3));
        var path = Path.Combine(Temp.Folder(), "selection.json");
        SelectionFile.Write(path, doc);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, damage switch
        {
            "truncated" => text[..(text.Length / 2)],
            "garbage" => "\u0001\u0002 not json",
            "version" => text.Replace("\"format_version\": 1", "\"format_version\": 99"),
            _ => text.Replace("\"pool_size\": 60", "\"pool_size\": 61"),
        });
        var e = Assert.Throws<FileFormatException>(() => SelectionFile.Read(path));
        Assert.Equal(path, e.File);
        Assert.Contains(path, e.Message);
    }
}
