using NpsCloud.Surveys.Sending;

namespace NpsCloud.UnitTests.Surveys;

public sealed class SendingHoldsTests
{
    [Fact]
    public void The_quota_day_runs_from_midnight_to_midnight_in_the_companys_zone_given_in_utc()
    {
        // 23:30 UTC on 1 March is 02:30 on 2 March in Istanbul (UTC+3).
        var (start, next) = SendingHolds.LocalDay(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero), "Europe/Istanbul");

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 21, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 21, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(TimeSpan.Zero, start.Offset); // Npgsql writes only UTC to timestamptz
    }

    [Fact]
    public void An_unknown_zone_counts_the_day_in_utc()
    {
        var (start, next) = SendingHolds.LocalDay(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), "Mars/Olympus");

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), next);
    }
}
