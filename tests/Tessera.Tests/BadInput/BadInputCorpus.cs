namespace Tessera.Tests.BadInput;

/// <summary>Helpers for the per-area case lists: a case table is a static IReadOnlyList of cases, and its test
/// class is a Theory over the case ids (string ids keep each case a separate, named test).</summary>
public static class BadInputCorpus
{
    public static TheoryData<string> Ids(IEnumerable<BadInputCase> cases)
    {
        var data = new TheoryData<string>();
        var seen = new HashSet<string>();
        foreach (var c in cases)
        {
            if (!seen.Add(c.Id)) throw new InvalidOperationException($"duplicate bad-input case id '{c.Id}'");
            data.Add(c.Id);
        }
        return data;
    }

    public static BadInputCase Find(IEnumerable<BadInputCase> cases, string id) => cases.Single(c => c.Id == id);

    /// <summary>A valid water dimer as plain xyz.</summary>
    public const string WaterDimerXyz =
        "6\nwater dimer\nO 0.000 0.000 0.000\nH 0.757 0.586 0.000\nH -0.757 0.586 0.000\n" +
        "O 0.000 -0.500 2.900\nH 0.757 -0.200 3.400\nH -0.757 -0.200 3.400\n";
}
