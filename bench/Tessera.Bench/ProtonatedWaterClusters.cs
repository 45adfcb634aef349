using Tessera.Core;
using Tessera.IO;

namespace Tessera.Bench;

/// <summary>The WB1 benchmark clusters shipped in data/structures (GFN2-xTB optimised, charge +1; see the
/// files' comment lines and scripts/fragments/optimise_clusters.sh).</summary>
public static class ProtonatedWaterClusters
{
    /// <summary>H+(H2O)6, 19 atoms.</summary>
    public static Structure W6() => Read("w6.xyz");

    /// <summary>H+(H2O)21, 64 atoms.</summary>
    public static Structure W21() => Read("w21.xyz");

    private static Structure Read(string name)
    {
        var s = StructureFile.ReadAll(BenchEnvironment.RepositoryPath("data", "structures", name))[^1];
        if (s.Charge != 1) throw new InvalidDataException($"{name}: expected charge=1 in the comment line, found {s.Charge}.");
        return s;
    }
}
