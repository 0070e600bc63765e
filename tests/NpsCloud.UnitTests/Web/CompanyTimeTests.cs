using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.UnitTests.Web;

/// <summary>Times on the company's pages: in its zone, in the reader's culture, and the zone named in the reader's language.</summary>
public sealed class CompanyTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 11, 5, 0, TimeSpan.Zero);

    private static CompanyTime Time(string zone)
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var time = new CompanyTime(new StringLocalizer<BuildingBlocksText>(factory), new FakeTimeProvider(Now));
        time.Use(zone);
        return time;
    }

    private static T In<T>(string culture, Func<T> read)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return read(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }

    [Theory]
    [InlineData("tr", "6 Ara 2026 14:05", "Saatler İstanbul saatiyle (GMT+03:00)")]
    [InlineData("en", "6 Dec 2026 14:05", "Times in Istanbul time (GMT+03:00)")]
    public void A_moment_is_shown_in_the_company_zone_and_the_zone_is_named_in_the_reader_language(string culture, string shown, string note)
    {
        var time = Time("Europe/Istanbul");
        Assert.False(time.Shown);
        Assert.Equal(shown, In(culture, () => time.Format(Now)));
        Assert.True(time.Shown);
        Assert.Equal(note, In(culture, time.ZoneNote));
    }

    [Fact]
    public void The_date_follows_the_zone_across_midnight_and_machines_get_the_utc_instant()
    {
        var time = Time("America/New_York");
        var lateUtc = new DateTimeOffset(2026, 12, 7, 2, 30, 0, TimeSpan.Zero);
        Assert.Equal("6 Dec 2026", In("en", () => time.Date(lateUtc)));
        Assert.Equal("6 Dec 2026 21:30:00", In("en", () => time.Precise(lateUtc)));
        Assert.Equal("2026-12-07T02:30:00Z", CompanyTime.Machine(lateUtc.ToOffset(TimeSpan.FromHours(-5))));
        Assert.Equal("Times in New York time (GMT-05:00)", In("en", time.ZoneNote));
    }

    [Fact]
    public void An_unknown_zone_falls_back_to_utc_and_says_so()
    {
        var time = Time("Mars/Olympus_Mons");
        Assert.Equal("6 Dec 2026 11:05", In("en", () => time.Format(Now)));
        Assert.Equal("Times in UTC time (GMT+00:00)", In("en", time.ZoneNote));
    }

    [Theory]
    [InlineData("America/Argentina/Buenos_Aires", "Buenos Aires")]
    [InlineData("Asia/Kolkata", "Kolkata")]
    [InlineData("UTC", "UTC")]
    public void A_zone_is_named_by_its_city(string zone, string city) => Assert.Equal(city, In("en", () => Time("UTC").City(zone)));

    [Fact]
    public void The_choices_are_iana_zones_sorted_by_offset_with_readable_names_and_keep_the_current_one()
    {
        var choices = In("en", () => Time("UTC").Choices("Europe/Istanbul"));
        Assert.Contains(choices, c => c is { Id: "Europe/Istanbul", Label: "(GMT+03:00) Istanbul · Europe/Istanbul" });
        Assert.Contains(choices, c => c.Id == "UTC");
        Assert.DoesNotContain(choices, c => c.Id.StartsWith("Etc/", StringComparison.Ordinal));
        var offsets = choices.Select(c => TimeZoneInfo.FindSystemTimeZoneById(c.Id).GetUtcOffset(Now)).ToList();
        Assert.Equal(offsets.Order().ToList(), offsets);
        Assert.True(choices.Count > 300, $"{choices.Count} zones");
    }
}
