using NpsCloud.BuildingBlocks.Hosting;

namespace NpsCloud.BuildingBlocks.Outbox;

/// <summary>Wakes the outbox dispatcher as soon as an event is committed.</summary>
public sealed class OutboxSignal : WakeSignal;
