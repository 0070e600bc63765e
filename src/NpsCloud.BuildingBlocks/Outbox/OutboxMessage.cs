using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.BuildingBlocks.Outbox;

/// <summary>An integration event stored with the change it reports (<c>platform.outbox_messages</c>).</summary>
internal sealed class OutboxMessage : ITenantOwned
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public required string Type { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset? DispatchedAt { get; init; }
    public string? LastError { get; init; }

    internal static void Map(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("outbox_messages", "platform");
            message.HasKey(m => new { m.TenantId, m.Id });
            message.Property(m => m.Payload).HasColumnType("jsonb");
        });
}

/// <summary>
/// That one handler has handled one event (<c>platform.inbox_messages</c>); written in the handler's own
/// transaction, so a redelivered event is skipped by every handler that already committed its work.
/// </summary>
internal sealed class InboxMessage : ITenantOwned
{
    public Guid TenantId { get; init; }
    public required string Handler { get; init; }
    public Guid EventId { get; init; }
    public DateTimeOffset HandledAt { get; init; }

    internal static void Map(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<InboxMessage>(message =>
        {
            message.ToTable("inbox_messages", "platform");
            message.HasKey(m => new { m.TenantId, m.Handler, m.EventId });
        });
}
