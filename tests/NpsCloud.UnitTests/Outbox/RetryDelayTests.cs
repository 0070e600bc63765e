using NpsCloud.BuildingBlocks.Outbox;

namespace NpsCloud.UnitTests.Outbox;

public sealed class RetryDelayTests
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)];

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 30)]
    [InlineData(3, 3600)]
    [InlineData(50, 3600)]
    public void Each_attempt_waits_its_configured_delay_within_twenty_percent_jitter(int attempt, int seconds)
    {
        for (var i = 0; i < 200; i++)
        {
            var delay = OutboxDispatcher.RetryDelay(Delays, attempt);
            Assert.InRange(delay.TotalSeconds, seconds * 0.8, seconds * 1.2);
        }
    }

    [Fact]
    public void Retries_are_spread_rather_than_aligned()
    {
        var delays = Enumerable.Range(0, 50).Select(_ => OutboxDispatcher.RetryDelay(Delays, 2)).Distinct().Count();
        Assert.True(delays > 10, $"only {delays} distinct delays out of 50");
    }
}
