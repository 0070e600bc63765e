using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Testing;

namespace NpsCloud.UnitTests.Outbox;

public sealed class OutboxBatchTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    [Fact]
    public void A_tenants_batch_is_cut_into_runs_of_one_type_in_order_with_each_retried_event_alone()
    {
        List<OutboxDispatcher.ClaimedMessage> batch =
        [
            Message("Recorded"), Message("Recorded"), Message("Updated"), Message("Recorded", attempts: 2),
            Message("Recorded"), Message("Recorded"), Message("Recorded", attempts: 3), Message("Recorded", attempts: 2),
        ];

        var runs = OutboxDispatcher.Runs(batch).ToList();

        Assert.Equal([2, 1, 1, 2, 1, 1], runs.Select(r => r.Count));
        Assert.Equal(batch, runs.SelectMany(r => r));
        Assert.All(runs, run => Assert.Single(run.Select(m => m.Type).Distinct()));
    }

    [Fact]
    public async Task A_notification_on_the_outbox_channel_or_a_listening_connection_back_wakes_the_dispatcher()
    {
        var signal = new OutboxSignal();
        var listener = new OutboxNotificationListener(signal);

        listener.OnNotification("");
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));

        listener.OnListening();
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public void The_channel_listened_on_is_the_one_the_outbox_trigger_notifies()
    {
        var migration = File.ReadAllText(Path.Combine(RepositoryPaths.Migrations, "0020_fair_outbox.sql"));

        Assert.Contains($"pg_notify('{OutboxNotificationListener.ChannelName}', '')", migration);
    }

    private static OutboxDispatcher.ClaimedMessage Message(string type, int attempts = 1) =>
        new(Tenant, Guid.NewGuid(), type, "{}", attempts, DateTimeOffset.UnixEpoch);
}
