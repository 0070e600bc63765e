using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.UnitTests.Webhooks;

public sealed class RetryScheduleTests
{
    [Fact]
    public void The_shipped_schedule_is_5s_5min_30min_2h_5h_10h_10h()
    {
        Assert.Equal(
            [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)],
            RetrySchedule.Standard);
        Assert.Same(RetrySchedule.Standard, new WebhookOptions().EffectiveRetryDelays);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 300)]
    [InlineData(3, 1800)]
    [InlineData(4, 7200)]
    [InlineData(5, 18000)]
    [InlineData(6, 36000)]
    [InlineData(7, 36000)]
    public void Each_retry_waits_its_delay_within_ten_percent_jitter(int failedAttempt, int seconds)
    {
        var waits = Enumerable.Range(0, 500).Select(_ => RetrySchedule.After(failedAttempt, RetrySchedule.Standard)!.Value.TotalSeconds).ToList();

        Assert.All(waits, wait => Assert.InRange(wait, seconds * 0.9, seconds * 1.1));
        Assert.True(waits.Distinct().Count() > 100, "the waits are spread, not aligned");
    }

    [Fact]
    public void After_the_eighth_attempt_the_delivery_is_given_up()
    {
        Assert.Null(RetrySchedule.After(8, RetrySchedule.Standard));
    }

    [Fact]
    public void A_retry_after_longer_than_the_schedule_wins_and_is_capped_at_a_day()
    {
        Assert.Equal(TimeSpan.FromHours(1), RetrySchedule.After(1, RetrySchedule.Standard, TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromDays(1), RetrySchedule.After(1, RetrySchedule.Standard, TimeSpan.FromDays(30)));
        // Shorter than the schedule: the schedule's wait stands.
        Assert.InRange(RetrySchedule.After(2, RetrySchedule.Standard, TimeSpan.FromSeconds(1))!.Value.TotalSeconds, 270, 330);
    }
}
