using Tessera.Core;

namespace Tessera.Dynamics;

/// <summary>Energy conservation of an NVE run: the slope of a least-squares line through the total energy
/// (meV/atom/ps), the RMS deviation from that line and the standard deviation about the mean (meV/atom).</summary>
public sealed record EnergyDriftResult(double SlopeMeVPerAtomPerPs, double RmsAboutFitMeVPerAtom, double StdMeVPerAtom,
                                       double DurationPs, int Frames, int Atoms);

public static class EnergyDrift
{
    /// <param name="timesFs">Times of the samples (fs).</param>
    /// <param name="totalEnergies">Total (potential + kinetic) energies (eV).</param>
    public static EnergyDriftResult Analyse(IReadOnlyList<double> timesFs, IReadOnlyList<double> totalEnergies, int atoms)
    {
        int n = timesFs.Count;
        if (n != totalEnergies.Count) throw new ArgumentException("Times and energies differ in length.");
        if (n < 2) throw new ArgumentException("Drift needs at least two frames.");
        if (atoms < 1) throw new ArgumentOutOfRangeException(nameof(atoms));
        double tMean = timesFs.Average(), eMean = totalEnergies.Average();
        double stt = 0, ste = 0, see = 0;
        for (int i = 0; i < n; i++)
        {
            double dt = timesFs[i] - tMean, de = totalEnergies[i] - eMean;
            stt += dt * dt; ste += dt * de; see += de * de;
        }
        if (stt <= 0) throw new ArgumentException("All frames have the same time.");
        double slope = ste / stt; // eV/fs
        double rss = 0;
        for (int i = 0; i < n; i++)
        {
            double r = totalEnergies[i] - eMean - slope * (timesFs[i] - tMean);
            rss += r * r;
        }
        double perAtom = 1.0 / (Units.MilliEv * atoms);
        return new EnergyDriftResult(slope * Units.FsPerPs * perAtom, Math.Sqrt(rss / n) * perAtom, Math.Sqrt(see / n) * perAtom,
                                     (timesFs[n - 1] - timesFs[0]) / Units.FsPerPs, n, atoms);
    }
}
