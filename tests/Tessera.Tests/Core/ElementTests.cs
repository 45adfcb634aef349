using Tessera.Core;

namespace Tessera.Tests.Core;

public class ElementTests
{
    [Theory]
    [InlineData("H", 1, 1.008, 0.31)]
    [InlineData("O", 8, 15.999, 0.66)]
    [InlineData("Cu", 29, 63.546, 1.32)]
    public void Table_holds_symbol_number_mass_and_radius(string symbol, int z, double mass, double radius)
    {
        var e = Element.FromSymbol(symbol);
        Assert.Equal(z, e.Number);
        Assert.Equal(mass, e.Mass, 3);
        Assert.Equal(radius, e.CovalentRadius, 2);
        Assert.Same(e, Element.FromNumber(z));
    }

    [Fact]
    public void Unknown_symbol_is_rejected() => Assert.Throws<ArgumentException>(() => Element.FromSymbol("Xx"));

    [Fact]
    public void Hill_formula_orders_carbon_hydrogen_then_alphabet()
    {
        Assert.Equal("CH4O", Element.HillFormula([8, 6, 1, 1, 1, 1]));
        Assert.Equal("H13O6", Element.HillFormula([.. Enumerable.Repeat(8, 6), .. Enumerable.Repeat(1, 13)]));
    }
}
