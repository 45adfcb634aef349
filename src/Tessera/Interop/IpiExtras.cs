using System.Text.Json;

namespace Tessera.Interop;

/// <summary>The extra string of FORCEREADY: a JSON object with what the model gives beyond energy, forces and virial,
/// in eV (not atomic units: i-PI stores the string as it comes, and ASE users read eV): "energies", the per-atom
/// energies of a sum of atomic energies, and "energy_std", an ensemble's energy spread. Empty when there is neither,
/// as the protocol's plain drivers send.</summary>
public static class IpiExtras
{
    public static byte[] Json(double[]? atomEnergies, double? energySpread)
    {
        if (atomEnergies is null && energySpread is null) return [];
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (atomEnergies is not null)
            {
                w.WriteStartArray("energies");
                foreach (double e in atomEnergies) w.WriteNumberValue(e);
                w.WriteEndArray();
            }
            if (energySpread is { } s) w.WriteNumber("energy_std", s);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
