namespace Tessera.Tests.BadInput;

/// <summary>Small input files shared by the command corpora (the water dimer is in <see cref="BadInputCorpus"/>).</summary>
public static class BadInputFiles
{
    public const string WaterXyz = "3\nwater\nO 0.000 0.000 0.000\nH 0.000 0.000 0.960\nH 0.000 0.900 -0.300\n";

    /// <summary>OH radical as plain xyz: 9 electrons, so neutral and singlet (the defaults) is impossible.</summary>
    public const string HydroxylXyz = "2\nhydroxyl\nO 0 0 0\nH 0 0 0.97\n";

    /// <summary>An OH radical beside a water: the OH unit has an odd electron count.</summary>
    public const string HydroxylWaterXyz = "5\nOH + water\nO 0 0 0\nH 0 0 0.97\nO 0 0 3.0\nH 0 0.9 3.3\nH 0 -0.9 3.3\n";

    /// <summary>A good water, then an OH radical with the default charge 0 and singlet: the second frame cannot be computed.</summary>
    public const string GoodThenRadicalXyz = WaterXyz + HydroxylXyz;

    /// <summary>The water dimer in a 3 A periodic cell: narrower than twice any useful cutoff.</summary>
    public const string DimerInSmallCell =
        "6\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n" +
        "O 0.000 0.000 0.000\nH 0.757 0.586 0.000\nH -0.757 0.586 0.000\n" +
        "O 0.000 -0.500 2.900\nH 0.757 -0.200 3.400\nH -0.757 -0.200 3.400\n";

    /// <summary>The shipped W6 labelled data set (low level xtb gfn2, high level psi4 mp2/cc-pvdz).</summary>
    public const string W6Dataset = "data/w6/w6-dataset.extxyz.gz";
}
