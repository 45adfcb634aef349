namespace Tessera.Core;

/// <summary>Every physical constant and unit conversion in Tessera (CODATA 2018).
/// Internal units are ASE's: Angstrom, eV, eV/Angstrom, amu, fs, K.</summary>
public static class Units
{
    /// <summary>1 Hartree in eV.</summary>
    public const double Hartree = 27.211386245988;
    /// <summary>1 Bohr in Angstrom.</summary>
    public const double Bohr = 0.529177210903;
    /// <summary>1 kcal/mol in eV.</summary>
    public const double KcalPerMol = 0.0433641043;
    /// <summary>1 kJ/mol in eV.</summary>
    public const double KjPerMol = KcalPerMol / 4.184;
    /// <summary>1 meV in eV.</summary>
    public const double MilliEv = 1e-3;
    /// <summary>Boltzmann constant in eV/K.</summary>
    public const double Boltzmann = 8.617333262e-5;
    /// <summary>1 amu in electron masses (atomic unit of mass).</summary>
    public const double AmuInElectronMasses = 1822.888486209;
    /// <summary>Atomic unit of time in fs.</summary>
    public const double AtomicTimeFs = 2.4188843265857e-2;
    /// <summary>Speed of light in cm/s (for wavenumbers).</summary>
    public const double SpeedOfLightCmPerS = 2.99792458e10;
    /// <summary>Unit of time implied by eV, Angstrom and amu, in fs: sqrt(amu A^2 / eV).</summary>
    public static readonly double AseTimeFs = 1e15 * Math.Sqrt(1.66053906660e-27 / 1.602176634e-19) * 1e-10;

    /// <summary>Wavenumber in cm^-1 of an angular frequency of 1 per ASE time unit (sqrt(eV / (amu A^2))).</summary>
    public static readonly double AseAngularFrequencyToWavenumber = 1.0 / (2 * Math.PI * SpeedOfLightCmPerS * AseTimeFs * 1e-15);
    /// <summary>Femtoseconds in one picosecond.</summary>
    public const double FsPerPs = 1000.0;

    /// <summary>Hartree/Bohr in eV/Angstrom.</summary>
    public const double HartreePerBohr = Hartree / Bohr;
}
