using System.Globalization;
using NpsCloud.BuildingBlocks.Email;

namespace NpsCloud.UnitTests.Web;

/// <summary>Every text colour of the product's emails is readable on its background (WCAG 2 AA, 4.5:1).</summary>
public sealed class EmailColoursTests
{
    /// <summary>The WCAG 2 formula, written out here rather than taken from the code under test.</summary>
    private static double Contrast(string first, string second)
    {
        static double Luminance(string hex)
        {
            double Channel(int offset)
            {
                var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
                return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }

            return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
        }

        var (a, b) = (Luminance(first), Luminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    public static TheoryData<string, string, string> Pairs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (use, foreground, background) in EmailColours.Pairs) data.Add(use, foreground, background);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_colour_pair_of_the_emails_passes_wcag_aa(string use, string foreground, string background)
    {
        var ratio = Contrast(foreground, background);

        Assert.True(ratio >= 4.5, $"{use}: {foreground} on {background} is {ratio:0.00}:1");
    }

    [Fact]
    public void Every_score_s_fill_is_one_of_the_checked_pairs()
    {
        var checkedFills = EmailColours.Pairs.Where(p => p.Foreground == EmailColours.OnScore).Select(p => p.Background).ToHashSet();

        Assert.All(Enumerable.Range(0, 11), score => Assert.Contains(EmailColours.ForScore(score), checkedFills));
    }

    [Theory]
    [InlineData("#ffffff", "#000000", 21.0)]
    [InlineData("#ffffff", "#777777", 4.48)]
    [InlineData("#ffffff", "#f5a524", 2.04)] // the amber of issue 19
    public void The_contrast_ratio_is_wcag_s(string first, string second, double expected)
    {
        Assert.Equal(expected, EmailColours.ContrastRatio(first, second), 2);
        Assert.Equal(expected, Contrast(first, second), 2);
    }

    [Theory]
    [InlineData("#0f766e", "#0f766e")]
    [InlineData("#ffd60a", EmailColours.Text)]
    [InlineData("not a colour", EmailColours.Text)]
    public void A_brand_colour_is_used_for_text_only_where_it_can_be_read(string brand, string expected) =>
        Assert.Equal(expected, EmailColours.ReadableOnCard(brand));
}
