using System.Runtime.InteropServices;

namespace Tessera.Engines;

/// <summary>Bindings to xtb's C API (xtb.h, API 1.0) in libxtb.so.6 from Debian's libxtb6 package,
/// which Debian's xtb package does not depend on (setup.sh installs both). Quantities in Bohr and Hartree.</summary>
internal static unsafe partial class XtbNative
{
    private const string Library = "libxtb.so.6";

    [LibraryImport(Library)] internal static partial int xtb_getAPIVersion();
    [LibraryImport(Library)] internal static partial nint xtb_newEnvironment();
    [LibraryImport(Library)] internal static partial void xtb_delEnvironment(ref nint env);
    [LibraryImport(Library)] internal static partial int xtb_checkEnvironment(nint env);
    [LibraryImport(Library)] internal static partial void xtb_getError(nint env, byte* buffer, int* size);
    [LibraryImport(Library)] internal static partial void xtb_setVerbosity(nint env, int verbosity);

    [LibraryImport(Library)]
    internal static partial nint xtb_newMolecule(nint env, int* natoms, int* numbers, double* positions, double* charge,
                                                 int* uhf, double* lattice, byte* periodic);
    [LibraryImport(Library)] internal static partial void xtb_delMolecule(ref nint mol);
    [LibraryImport(Library)] internal static partial void xtb_updateMolecule(nint env, nint mol, double* positions, double* lattice);

    [LibraryImport(Library)] internal static partial nint xtb_newCalculator();
    [LibraryImport(Library)] internal static partial void xtb_delCalculator(ref nint calc);
    [LibraryImport(Library)] internal static partial void xtb_loadGFN0xTB(nint env, nint mol, nint calc, byte* file);
    [LibraryImport(Library)] internal static partial void xtb_loadGFN1xTB(nint env, nint mol, nint calc, byte* file);
    [LibraryImport(Library)] internal static partial void xtb_loadGFN2xTB(nint env, nint mol, nint calc, byte* file);
    [LibraryImport(Library)] internal static partial void xtb_loadGFNFF(nint env, nint mol, nint calc, byte* file);
    [LibraryImport(Library)] internal static partial void xtb_setAccuracy(nint env, nint calc, double accuracy);
    [LibraryImport(Library)] internal static partial void xtb_setMaxIter(nint env, nint calc, int iterations);
    [LibraryImport(Library)] internal static partial void xtb_setElectronicTemp(nint env, nint calc, double temperature);

    [LibraryImport(Library)] internal static partial void xtb_singlepoint(nint env, nint mol, nint calc, nint res);
    [LibraryImport(Library)] internal static partial nint xtb_newResults();
    [LibraryImport(Library)] internal static partial void xtb_delResults(ref nint res);
    [LibraryImport(Library)] internal static partial void xtb_getEnergy(nint env, nint res, double* energy);
    [LibraryImport(Library)] internal static partial void xtb_getGradient(nint env, nint res, double* gradient);

    /// <summary>OpenMP's thread count for parallel regions started from the calling thread. libxtb reads
    /// OMP_NUM_THREADS only at load time, and on a busy machine its default (all cores, spinning) is many
    /// times slower than one thread for molecules of tens of atoms.</summary>
    [LibraryImport("libgomp.so.1")] internal static partial void omp_set_num_threads(int threads);

    /// <summary>OpenBLAS's thread count: Debian's libxtb links libopenblas, whose pthreads default to every core and spin
    /// in sched_yield between calls. On W21 (63 atoms, 2 cores) they made xtb-native alone slower (300 MD steps 18.3 s
    /// against 15.7 s with one) and took the cores from the learned corrections between xtb calls.</summary>
    [LibraryImport("libopenblas.so.0")] private static partial void openblas_set_num_threads(int threads);

    private static bool _noOpenBlas;

    /// <summary>Sets OpenBLAS's threads where libxtb uses OpenBLAS (another BLAS keeps its own settings).</summary>
    internal static void SetBlasThreads(int threads)
    {
        if (_noOpenBlas) return;
        try { openblas_set_num_threads(threads); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { _noOpenBlas = true; }
    }

    /// <summary>Empties the environment's error stack into a string (null when there was no error).</summary>
    internal static string? TakeError(nint env)
    {
        if (xtb_checkEnvironment(env) == 0) return null;
        var buffer = new byte[4096];
        int size = buffer.Length;
        fixed (byte* b = buffer) xtb_getError(env, b, &size);
        var text = System.Text.Encoding.UTF8.GetString(buffer).TrimEnd('\0', ' ', '\n');
        return text.Length > 0 ? text : "unknown xtb error";
    }
}
