using System.Collections.Concurrent;
using Npgsql;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Outbox;

/// <summary>
/// The dispatcher's claim, batches and wake-ups, with events written straight into the outbox as another
/// host would write them (so this host's in-process signal never fires) and a safety poll of five
/// minutes: anything delivered within seconds was woken by a notification or a due time.
/// </summary>
public sealed class FairOutboxTests(FairOutboxTests.Fixture fixture) : IClassFixture<FairOutboxTests.Fixture>
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_event_committed_by_another_host_is_delivered_at_once()
    {
        var tenant = Guid.NewGuid();
        await WaitUntilIdleAsync();

        var eventId = await InsertAnswersAsync(tenant, 1, minutesAgo: 0);

        await Poll.UntilAsync(async () => await DispatchedAsync($"id = '{eventId.Single()}'") == 1, "the notified event to be delivered", Promptly);
    }

    [Fact]
    public async Task One_tenants_burst_does_not_hold_up_another_tenants_event()
    {
        var busy = Guid.NewGuid();
        var quiet = Guid.NewGuid();
        await InsertAnswersAsync(busy, 3000, minutesAgo: 1);
        var single = (await InsertAnswersAsync(quiet, 1, minutesAgo: 0)).Single();

        await Poll.UntilAsync(async () => await DispatchedAsync($"id = '{single}'") == 1, "the quiet tenant's event to be delivered", Promptly);

        Assert.True(await PendingAsync($"tenant_id = '{busy}'") > 0, "the busy tenant's burst was still being delivered");
        await Poll.UntilAsync(async () => await PendingAsync($"tenant_id = '{busy}'") == 0, "the burst to drain", TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task A_tenants_batch_is_marked_delivered_by_one_statement_and_a_failing_event_is_retried_alone_and_promptly()
    {
        var tenant = Guid.NewGuid();
        var invoices = await InsertAsync(tenant, typeof(InvoiceIssued), 10,
            "jsonb_build_object('eventId', e.id, 'tenantId', e.tenant_id, 'occurredAt', now(), 'failTwice', e.n = 5)");

        await Poll.UntilAsync(async () => await PendingAsync($"tenant_id = '{tenant}'") == 0, "the batch and the retry to be delivered", Promptly);

        var failing = invoices[4];
        Assert.Equal(2, await fixture.Database.ScalarAsAdminAsync<int>($"select attempts from platform.outbox_messages where id = '{failing}'"));
        Assert.Equal(9L, await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where tenant_id = '{tenant}' and id <> '{failing}' and attempts = 1"));
        Assert.Equal(1L, await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(distinct dispatched_at) from platform.outbox_messages where tenant_id = '{tenant}' and id <> '{failing}'"));
        Assert.Equal(10L, await EffectsAsync(tenant, "book"));
        Assert.Equal(10L, await EffectsAsync(tenant, "print"));
        Assert.Equal(3, PrintInvoice.Calls[failing]); // in the batch, alone at once, alone on the retry
    }

    [Fact]
    public async Task A_batch_handler_gets_a_tenants_events_together_and_handles_a_redelivered_batch_never_again()
    {
        var tenant = Guid.NewGuid();
        await InsertAsync(tenant, typeof(PageViewed), 20, "jsonb_build_object('eventId', e.id, 'tenantId', e.tenant_id, 'occurredAt', now())");

        await Poll.UntilAsync(async () => await PendingAsync($"tenant_id = '{tenant}'") == 0, "the page views to be delivered", Promptly);
        Assert.Equal(20L, await EffectsAsync(tenant, "page"));
        Assert.Contains(CountPageViews.BatchSizes[tenant], size => size > 1);

        // As if the host died after the handlers committed but before the batch was marked delivered.
        // No insert, so no trigger: notified by hand, as a host would be by a new event.
        await fixture.Database.ExecuteAsAdminAsync(
            $"update platform.outbox_messages set dispatched_at = null, next_attempt_at = now() where tenant_id = '{tenant}'; select pg_notify('nps_outbox', '')");
        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where tenant_id = '{tenant}' and dispatched_at is not null and attempts = 2") == 20,
            "the page views to be delivered again", Promptly);
        Assert.Equal(20L, await EffectsAsync(tenant, "page"));
        Assert.Equal(20, CountPageViews.BatchSizes[tenant].Sum());
    }

    [Fact]
    public async Task An_effect_handler_works_outside_any_transaction_and_is_recorded_only_after_it_succeeded()
    {
        var tenant = Guid.NewGuid();
        var ids = await InsertAsync(tenant, typeof(ReceiptDue), 3, "jsonb_build_object('eventId', e.id, 'tenantId', e.tenant_id, 'occurredAt', now(), 'failFirst', e.n = 2)");

        await Poll.UntilAsync(async () => await PendingAsync($"tenant_id = '{tenant}'") == 0, "the receipts to be sent", Promptly);

        Assert.Equal(3L, await EffectsAsync(tenant, "receipt"));
        Assert.Equal(3L, await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.inbox_messages where tenant_id = '{tenant}' and handler = '{typeof(SendReceipt).FullName}'"));
        Assert.All(ids, id => Assert.Equal(id == ids[1] ? 2 : 1, SendReceipt.Calls[id].Count));
        Assert.All(SendReceipt.Calls.Where(c => ids.Contains(c.Key)).SelectMany(c => c.Value), inTransaction => Assert.False(inTransaction));
    }

    private Task<List<Guid>> InsertAnswersAsync(Guid tenant, int count, int minutesAgo) =>
        InsertAsync(tenant, typeof(AnswerRecorded), count,
            "jsonb_build_object('eventId', e.id, 'tenantId', e.tenant_id, 'occurredAt', now(), 'score', e.n % 11)", minutesAgo);

    /// <summary>Stores events of one tenant in one statement, due in the order given (<c>e.n</c> from 1); answers their ids in that order.</summary>
    private async Task<List<Guid>> InsertAsync(Guid tenant, Type eventType, int count, string payload, int minutesAgo = 0)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        await using var connection = new NpgsqlConnection(fixture.Database.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            insert into platform.outbox_messages (tenant_id, id, type, payload, occurred_at, next_attempt_at)
            select e.tenant_id, e.id, $2, {payload}, e.at, e.at
              from (select $1::uuid as tenant_id, i.id, i.n, now() - $4 * interval '1 minute' + i.n * interval '1 microsecond' as at
                      from unnest($3::uuid[]) with ordinality as i(id, n)) e
            """, connection);
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(IntegrationEventTypes.NameOf(eventType));
        command.Parameters.AddWithValue(ids.ToArray());
        command.Parameters.AddWithValue(minutesAgo);
        await command.ExecuteNonQueryAsync();
        return ids;
    }

    private Task WaitUntilIdleAsync() =>
        Poll.UntilAsync(async () => await PendingAsync("true") == 0, "earlier tests' events to be delivered", TimeSpan.FromMinutes(3));

    private Task<long> PendingAsync(string where) =>
        fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from platform.outbox_messages where dispatched_at is null and {where}");

    private Task<long> DispatchedAsync(string where) =>
        fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from platform.outbox_messages where dispatched_at is not null and {where}");

    private Task<long> EffectsAsync(Guid tenant, string handler) =>
        fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from outbox_test.effects where tenant_id = '{tenant}' and handler = '{handler}'");

    /// <summary>The notes module with a safety poll far longer than any deadline here.</summary>
    public sealed class Fixture : OutboxTests.Fixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithSetting("Outbox:PollInterval", "00:05:00");
    }
}

public sealed record InvoiceIssued(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, bool FailTwice) : IIntegrationEvent;

public sealed class BookInvoice(NotesDbContext db, TimeProvider clock) : IdempotentEventHandler<InvoiceIssued, NotesDbContext>(db, clock)
{
    protected override Task HandleOnceAsync(InvoiceIssued issued, CancellationToken cancellationToken)
    {
        Db.Effects.Add(new Effect { EventId = issued.EventId, Handler = "book" });
        return Task.CompletedTask;
    }
}

/// <summary>Fails an invoice marked so on its first two tries: in its batch, and alone right after.</summary>
public sealed class PrintInvoice(NotesDbContext db, TimeProvider clock) : IdempotentEventHandler<InvoiceIssued, NotesDbContext>(db, clock)
{
    public static readonly ConcurrentDictionary<Guid, int> Calls = new();

    protected override Task HandleOnceAsync(InvoiceIssued issued, CancellationToken cancellationToken)
    {
        var calls = Calls.AddOrUpdate(issued.EventId, 1, (_, count) => count + 1);
        if (issued.FailTwice && calls <= 2) throw new InvalidOperationException("The printer is jammed.");
        Db.Effects.Add(new Effect { EventId = issued.EventId, Handler = "print" });
        return Task.CompletedTask;
    }
}

public sealed record PageViewed(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A handler that does a batch in one go: one row per event, saved together.</summary>
public sealed class CountPageViews(NotesDbContext db, TimeProvider clock) : IdempotentEventHandler<PageViewed, NotesDbContext>(db, clock)
{
    public static readonly ConcurrentDictionary<Guid, ConcurrentBag<int>> BatchSizes = new();

    protected override Task HandleOnceAsync(PageViewed viewed, CancellationToken cancellationToken) => HandleManyOnceAsync([viewed], cancellationToken);

    protected override Task HandleManyOnceAsync(IReadOnlyList<PageViewed> views, CancellationToken cancellationToken)
    {
        BatchSizes.GetOrAdd(views[0].TenantId, _ => []).Add(views.Count);
        Db.Effects.AddRange(views.Select(v => new Effect { EventId = v.EventId, Handler = "page" }));
        return Task.CompletedTask;
    }
}

public sealed record ReceiptDue(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, bool FailFirst) : IIntegrationEvent;

/// <summary>Stands for a mail: notes whether a transaction was open while it "sent", and fails the first send when told to.</summary>
public sealed class SendReceipt(NotesDbContext db, TimeProvider clock) : IdempotentEffectHandler<ReceiptDue, NotesDbContext>(db, clock)
{
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<bool>> Calls = new();

    protected override Task HandleOnceAsync(ReceiptDue due, CancellationToken cancellationToken)
    {
        var calls = Calls.GetOrAdd(due.EventId, _ => new ConcurrentQueue<bool>());
        calls.Enqueue(Db.Database.CurrentTransaction is not null);
        if (due.FailFirst && calls.Count == 1) throw new InvalidOperationException("The mail server is down for a moment.");
        Db.Effects.Add(new Effect { EventId = due.EventId, Handler = "receipt" });
        return Task.CompletedTask;
    }
}
