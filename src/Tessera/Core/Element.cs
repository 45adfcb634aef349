using System.Text;

namespace Tessera.Core;

/// <summary>A chemical element: symbol, atomic number, standard mass (amu) and covalent radius (Angstrom).</summary>
public sealed record Element(string Symbol, int Number, double Mass, double CovalentRadius)
{
    public const int MaxNumber = 118;

    private static readonly Element[] ByNumber = Enumerable.Range(0, MaxNumber + 1)
        .Select(z => new Element(ElementData.Symbols[z], z, ElementData.Masses[z], ElementData.CovalentRadii[z])).ToArray();

    private static readonly Dictionary<string, Element> BySymbol =
        ByNumber.Skip(1).ToDictionary(e => e.Symbol, StringComparer.Ordinal);

    public static Element FromNumber(int z) =>
        z is >= 1 and <= MaxNumber ? ByNumber[z] : throw new ArgumentOutOfRangeException(nameof(z), $"No element with atomic number {z}.");

    /// <summary>Looks up a symbol ("O", "Cl"); case-insensitive for convenience ("CL" is chlorine).</summary>
    public static Element FromSymbol(string symbol) =>
        TryFromSymbol(symbol, out var e) ? e : throw new ArgumentException($"Unknown element symbol '{symbol}'.");

    public static bool TryFromSymbol(string symbol, out Element element)
    {
        if (BySymbol.TryGetValue(symbol, out element!)) return true;
        if (symbol.Length is 1 or 2)
        {
            string norm = char.ToUpperInvariant(symbol[0]) + symbol[1..].ToLowerInvariant();
            if (BySymbol.TryGetValue(norm, out element!)) return true;
        }
        element = null!;
        return false;
    }

    /// <summary>Hill-order formula: C first, then H, then the rest alphabetically (alphabetical when there is no C).</summary>
    public static string HillFormula(IEnumerable<int> numbers)
    {
        var counts = numbers.GroupBy(z => FromNumber(z).Symbol).ToDictionary(g => g.Key, g => g.Count());
        var order = new List<string>();
        if (counts.ContainsKey("C"))
        {
            order.Add("C");
            if (counts.ContainsKey("H")) order.Add("H");
        }
        order.AddRange(counts.Keys.Where(k => !order.Contains(k)).OrderBy(k => k, StringComparer.Ordinal));
        var sb = new StringBuilder();
        foreach (var sym in order) sb.Append(sym).Append(counts[sym] > 1 ? counts[sym].ToString() : "");
        return sb.ToString();
    }

    /// <summary>The atomic numbers of a formula without charge ("H3O" gives 1, 1, 1, 8), the inverse of
    /// <see cref="HillFormula"/> up to order.</summary>
    public static IEnumerable<int> ParseFormula(string formula)
    {
        var atoms = new List<int>();
        int i = 0;
        while (i < formula.Length)
        {
            if (!char.IsUpper(formula[i])) throw new ArgumentException($"'{formula}' is not a formula such as H2O (at '{formula[i..]}').");
            int start = i++;
            while (i < formula.Length && char.IsLower(formula[i])) i++;
            var element = FromSymbol(formula[start..i]);
            int digits = i;
            while (i < formula.Length && char.IsDigit(formula[i])) i++;
            int count = i > digits ? int.Parse(formula[digits..i], System.Globalization.CultureInfo.InvariantCulture) : 1;
            atoms.AddRange(Enumerable.Repeat(element.Number, count));
        }
        return atoms;
    }
}
