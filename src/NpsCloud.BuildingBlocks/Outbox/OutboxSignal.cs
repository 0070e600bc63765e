using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Hosting;

namespace NpsCloud.BuildingBlocks.Outbox;

/// <summary>Wakes the outbox dispatcher as soon as an event is committed.</summary>
public sealed class OutboxSignal : WakeSignal;

/// <summary>
/// Wakes this host's dispatcher when any host of the cluster commits outbox events: a statement trigger
/// on <c>platform.outbox_messages</c> notifies <see cref="ChannelName"/> once per transaction. When the
/// listening connection comes back after a drop, notifications may have been missed, so it wakes then too.
/// </summary>
internal sealed class OutboxNotificationListener(OutboxSignal signal) : IDatabaseNotificationListener
{
    public const string ChannelName = "nps_outbox";

    public string Channel => ChannelName;

    public void OnNotification(string payload) => signal.Notify();

    public void OnListening() => signal.Notify();
}
