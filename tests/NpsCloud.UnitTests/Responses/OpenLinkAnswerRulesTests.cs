using System.Net;
using NpsCloud.Responses.Features.OpenLinkAnswers;

namespace NpsCloud.UnitTests.Responses;

public sealed class OpenLinkAnswerRulesTests
{
    [Theory]
    // 23:30 UTC on 2 December is 02:30 on 3 December in Istanbul (UTC+3): the day began at 21:00 UTC.
    [InlineData("2026-12-02T23:30:00Z", "Europe/Istanbul", "2026-12-02T21:00:00Z")]
    [InlineData("2026-12-02T20:59:00Z", "Europe/Istanbul", "2026-12-01T21:00:00Z")]
    [InlineData("2026-12-02T12:00:00Z", "UTC", "2026-12-02T00:00:00Z")]
    [InlineData("2026-12-02T12:00:00Z", "Not/AZone", "2026-12-02T00:00:00Z")]
    public void The_daily_cap_counts_from_midnight_in_the_companys_zone_given_in_utc(string now, string zone, string expected)
    {
        var start = OpenLinkAnswerRules.StartOfDay(zone, DateTimeOffset.Parse(now));

        Assert.Equal(DateTimeOffset.Parse(expected), start);
        // Npgsql writes only UTC offsets to timestamptz.
        Assert.Equal(TimeSpan.Zero, start.Offset);
    }

    [Fact]
    public void A_devices_hash_depends_on_the_links_salt_its_address_and_its_user_agent()
    {
        var salt = new byte[32];
        var otherSalt = Enumerable.Repeat((byte)1, 32).ToArray();
        var phone = new Device(false, IPAddress.Parse("203.0.113.7"), "Phone/1");

        Assert.Equal(phone.HashWith(salt), phone.HashWith(salt));
        Assert.Equal(32, phone.HashWith(salt).Length);
        Assert.NotEqual(phone.HashWith(salt), phone.HashWith(otherSalt));
        Assert.NotEqual(phone.HashWith(salt), (phone with { UserAgent = "Phone/2" }).HashWith(salt));
        Assert.NotEqual(phone.HashWith(salt), (phone with { Address = IPAddress.Parse("203.0.113.8") }).HashWith(salt));
    }
}
