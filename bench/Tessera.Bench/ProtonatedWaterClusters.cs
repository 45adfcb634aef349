using Tessera.Core;
using Tessera.IO;

namespace Tessera.Bench;

/// <summary>Benchmark systems of WB1/MD1 that the dynamics benchmarks run.</summary>
public static class ProtonatedWaterClusters
{
    /// <summary>H+(H2O)6 (W6), charge +1, GFN2-xTB optimised (xtb 6.5.1 --opt --chrg 1, E = -30.598574156185 Eh);
    /// the geometry of the fragments work's data/structures/w6.xyz, read from that file when it is present.</summary>
    public static Structure W6()
    {
        if (FindData("data/structures/w6.xyz") is { } path)
        {
            var s = StructureFile.ReadAll(path)[^1];
            s.Charge = 1;
            return s;
        }
        double[,] r =
        {
            { -1.16943509570877, 0.02432133927810, -0.35476984235480 }, { 1.17031270317068, -0.02761743192881, 0.35433551465170 },
            { 0.00075916126059, -0.00167443785037, 0.00013206840802 }, { -1.57968733582015, 0.83401733574507, 0.03876231659063 },
            { -2.23674304521285, 2.16038258609389, 0.80067337274881 }, { -2.78685242395972, 2.79819858189788, 0.33925351085248 },
            { -2.50010887442566, 2.16783970931947, 1.72440987008345 }, { -1.63150488347809, -0.75299106671681, 0.04732339621699 },
            { -2.42663836300862, -1.99268229572953, 0.81948698329614 }, { -3.27072792116578, -2.31124700203167, 0.48936922910900 },
            { -1.99823701271623, -2.72766416563844, 1.26509703830549 }, { 1.63155175923660, 0.75122663617590, -0.04583063360477 },
            { 2.42475941243171, 1.99453450015237, -0.81367325785267 }, { 3.26591752661270, 2.31646341835065, -0.47920162652455 },
            { 1.99644915144968, 2.72721161492239, -1.26314313566891 }, { 1.58076710563140, -0.83620757084556, -0.04149094884953 },
            { 2.23827245601128, -2.16034070251323, -0.80574806981887 }, { 2.78983861362750, -2.79743546775730, -0.34523115932333 },
            { 2.50130706606880, -2.16633558092274, -1.72975462626438 },
        };
        int[] z = [8, 8, 1, 1, 8, 1, 1, 1, 8, 1, 1, 1, 8, 1, 1, 1, 8, 1, 1];
        var positions = Enumerable.Range(0, z.Length).Select(i => new Vec3(r[i, 0], r[i, 1], r[i, 2])).ToArray();
        return new Structure(z, positions, charge: 1);
    }

    /// <summary>A file under the repository root, looked up from the working directory upwards; null if absent.</summary>
    private static string? FindData(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        return null;
    }
}
