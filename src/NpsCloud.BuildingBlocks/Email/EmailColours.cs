using System.Globalization;

namespace NpsCloud.BuildingBlocks.Email;

/// <summary>
/// Every colour the product's emails use (the shared layout and the invitation), in one place, with the
/// pairs of text on background they are used in: a unit test holds each pair to WCAG AA (4.5:1 for the
/// normal-sized text every email has). The score buttons are dark enough for white 16 px bold digits
/// (issue 19: white on amber was 2.0:1, on green 3.2:1).
/// </summary>
public static class EmailColours
{
    public const string Page = "#f6f7fb";
    public const string Card = "#ffffff";
    public const string Border = "#e3e6ef";
    public const string Text = "#1b1f2a";
    public const string Muted = "#5d6577";
    public const string Accent = "#4f46e5";
    public const string OnAccent = "#ffffff";

    public const string Detractor = "#c62828";
    public const string Passive = "#b45309";
    public const string Promoter = "#15803d";
    public const string OnScore = "#ffffff";

    /// <summary>The WCAG AA ratio for normal text, which every pair below must reach.</summary>
    public const double MinimumContrast = 4.5;

    /// <summary>The fill of a score's button: 0-6 detractor, 7-8 passive, 9-10 promoter.</summary>
    public static string ForScore(int score) => score <= 6 ? Detractor : score <= 8 ? Passive : Promoter;

    /// <summary>Each text colour on each background it is drawn on, named for a test's message.</summary>
    public static IReadOnlyList<(string Use, string Foreground, string Background)> Pairs { get; } =
    [
        ("body text on the page", Text, Page),
        ("body text on the card", Text, Card),
        ("muted text (hints, footers, links) on the card", Muted, Card),
        ("the NpsCloud name on the card", Accent, Card),
        ("a button's label on the accent", OnAccent, Accent),
        ("a detractor score's digit", OnScore, Detractor),
        ("a passive score's digit", OnScore, Passive),
        ("a promoter score's digit", OnScore, Promoter),
    ];

    /// <summary>
    /// A company's brand colour as the colour of text on the card when it is readable there, otherwise the
    /// body text colour: the brand is the company's choice, the readability of its name is not.
    /// </summary>
    public static string ReadableOnCard(string colour) =>
        TryParse(colour, out _) && ContrastRatio(colour, Card) >= MinimumContrast ? colour : Text;

    /// <summary>The WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21.</summary>
    public static double ContrastRatio(string first, string second)
    {
        var (a, b) = (RelativeLuminance(first), RelativeLuminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double RelativeLuminance(string colour)
    {
        if (!TryParse(colour, out var rgb)) throw new FormatException($"Not a #rrggbb colour: {colour}");
        static double Channel(int value)
        {
            var c = value / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return 0.2126 * Channel(rgb.R) + 0.7152 * Channel(rgb.G) + 0.0722 * Channel(rgb.B);
    }

    private static bool TryParse(string colour, out (int R, int G, int B) rgb)
    {
        rgb = default;
        if (colour is not ['#', _, _, _, _, _, _] || !int.TryParse(colour.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)) return false;
        rgb = ((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);
        return true;
    }
}
