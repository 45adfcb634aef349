using Tessera.Data;
using Tessera.Fragments;
using Tessera.Tests.FragmentNetworks;

namespace Tessera.Tests.Data;

public class FaceClosureTests
{
    [Fact]
    public void A_triangle_brings_its_three_edges_and_three_nodes_from_its_own_frame()
    {
        var frames = Enumerable.Range(0, 2).Select(c => ToyDeltaData.Cluster(5, 20 + c)).ToArray();
        var pool = FragmentPoolBuilder.Build(frames, FragmentSettings.Create(2, 5.0));
        var triangle = pool.First(f => f.Rank == 2 && f.SourceFrame == 1);
        var faces = FaceClosure.Faces(pool, [triangle.Id]).Select(id => pool.Single(f => f.Id == id)).ToArray();
        Assert.Equal(6, faces.Length);
        Assert.All(faces, f => Assert.Equal(1, f.SourceFrame));
        Assert.Equal(3, faces.Count(f => f.Rank == 1));
        Assert.Equal(3, faces.Count(f => f.Rank == 0));
        Assert.All(faces, f => Assert.Subset(triangle.AtomMap.ToHashSet(), f.AtomMap.ToHashSet()));
    }

    [Fact]
    public void Faces_already_selected_are_not_added_again_and_selection_files_keep_them()
    {
        var pool = FragmentPoolBuilder.Build([ToyDeltaData.Cluster(5, 31)], FragmentSettings.Create(2, 3.6));
        var doc = FragmentSelector.Select(pool, SelectionSettings.Create(0.3, seed: 2, faces: true));
        var chosen = doc.ChosenIds();
        var all = doc.SelectedIds();
        Assert.Empty(chosen.Intersect(doc.Types.SelectMany(t => t.FaceIds)));
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.Empty(FaceClosure.Faces(pool, all)); // closed
        var path = Path.Combine(Path.GetTempPath(), $"sel-{Guid.NewGuid():N}.json");
        try
        {
            SelectionFile.Write(path, doc);
            var back = SelectionFile.Read(path);
            Assert.Equal(all, back.SelectedIds());
            Assert.Equal(chosen, back.ChosenIds());
            Assert.True(back.Settings.Faces);
        }
        finally { File.Delete(path); }
    }
}
