using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.UnitTests.Web;

public sealed class TurkishNumbersTests
{
    [Theory]
    [InlineData("34", "'ü")]   // otuz dört
    [InlineData("50", "'si")]  // elli
    [InlineData("1", "'i")]    // bir
    [InlineData("2", "'si")]   // iki
    [InlineData("6", "'sı")]   // altı
    [InlineData("9", "'u")]    // dokuz
    [InlineData("10", "'u")]   // on
    [InlineData("40", "'ı")]   // kırk
    [InlineData("60", "'ı")]   // altmış
    [InlineData("70", "'i")]   // yetmiş
    [InlineData("80", "'i")]   // seksen
    [InlineData("90", "'ı")]   // doksan
    [InlineData("100", "'ü")]  // yüz
    [InlineData("0", "'ı")]    // sıfır
    [InlineData("33,3", "'ü")] // otuz üç virgül üç
    [InlineData("12,5", "'i")] // on iki virgül beş
    [InlineData("1.000", "'i")] // bin
    [InlineData("1200", "'ü")] // bin iki yüz
    [InlineData("66,7", "'si")] // altmış altı virgül yedi (the department page's loop closing)
    [InlineData("7", "'si")]    // yedi
    [InlineData("3", "'ü")]     // üç
    [InlineData("8", "'i")]     // sekiz
    public void A_percentage_takes_the_possessive_its_last_spoken_word_asks_for(string number, string suffix)
    {
        Assert.Equal(suffix, TurkishNumbers.Possessive(number));
    }
}
