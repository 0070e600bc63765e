using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Outbox;

/// <summary>The transactional outbox on a small module of its own (notes and their effects).</summary>
public sealed class OutboxTests(OutboxTests.Fixture fixture) : IClassFixture<OutboxTests.Fixture>
{
    private static readonly Guid Tenant = Guid.NewGuid();

    [Fact]
    public async Task A_committed_event_is_delivered_once_to_each_handler()
    {
        var written = await WriteNoteAsync("hello");

        await WaitUntilDispatchedAsync(written.EventId);

        Assert.Equal(["flaky", "record"], await EffectsAsync(written.EventId));
    }

    [Fact]
    public async Task An_event_rolled_back_with_its_change_is_never_stored_or_delivered()
    {
        NoteWritten rolledBack;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Tenant);
            var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            rolledBack = Add(db, "never happened");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // A later event goes through, so the dispatcher has had every chance to see the first one.
        var control = await WriteNoteAsync("happened");
        await WaitUntilDispatchedAsync(control.EventId);

        Assert.Equal(0L, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from platform.outbox_messages where id = '{rolledBack.EventId}'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsAdminAsync<long>("select count(*) from outbox_test.notes where text = 'never happened'"));
        Assert.Empty(await EffectsAsync(rolledBack.EventId));
    }

    [Fact]
    public async Task A_handler_failing_once_is_retried_without_repeating_the_handlers_that_succeeded()
    {
        var written = await WriteNoteAsync("flaky: fails on its first delivery");

        await WaitUntilDispatchedAsync(written.EventId);

        Assert.Equal(2, await fixture.Database.ScalarAsAdminAsync<int>($"select attempts from platform.outbox_messages where id = '{written.EventId}'"));
        Assert.Equal(["flaky", "record"], await EffectsAsync(written.EventId));
    }

    [Fact]
    public async Task A_redelivered_event_is_handled_once()
    {
        var written = await WriteNoteAsync("delivered twice");
        await WaitUntilDispatchedAsync(written.EventId);

        // As if the host died after the handlers committed but before the event was marked delivered.
        await fixture.Database.ExecuteAsAdminAsync(
            $"update platform.outbox_messages set dispatched_at = null, next_attempt_at = now() where id = '{written.EventId}'");
        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where id = '{written.EventId}' and dispatched_at is not null and attempts = 2") == 1,
            "the event to be delivered a second time");

        Assert.Equal(["flaky", "record"], await EffectsAsync(written.EventId));
    }

    private async Task<NoteWritten> WriteNoteAsync(string text)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Tenant);
        var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
        var written = Add(db, text);
        await db.SaveChangesAsync();
        return written;
    }

    private static NoteWritten Add(NotesDbContext db, string text)
    {
        var note = new Note { Id = Guid.NewGuid(), Text = text };
        db.Notes.Add(note);
        var written = new NoteWritten(Guid.CreateVersion7(), Tenant, DateTimeOffset.UtcNow, note.Id, text);
        db.Publish(written);
        return written;
    }

    private Task WaitUntilDispatchedAsync(Guid eventId) =>
        Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where id = '{eventId}' and dispatched_at is not null") == 1,
            "the event to be delivered");

    private async Task<List<string>> EffectsAsync(Guid eventId)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Tenant);
        return await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Effects
            .Where(e => e.EventId == eventId).Select(e => e.Handler).OrderBy(h => h).ToListAsync();
    }

    public class Fixture : AppFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await Database.ExecuteAsAdminAsync($"""
                create schema outbox_test authorization {TestDatabase.OwnerRole};
                create table outbox_test.notes (tenant_id uuid not null, id uuid not null, text text not null, primary key (tenant_id, id));
                create table outbox_test.effects (tenant_id uuid not null, event_id uuid not null, handler text not null, primary key (tenant_id, event_id, handler));
                alter table outbox_test.notes enable row level security;
                alter table outbox_test.notes force row level security;
                create policy tenant_isolation on outbox_test.notes using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
                alter table outbox_test.effects enable row level security;
                alter table outbox_test.effects force row level security;
                create policy tenant_isolation on outbox_test.effects using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
                grant usage on schema outbox_test to {TestDatabase.AppRole};
                grant select, insert, update, delete on all tables in schema outbox_test to {TestDatabase.AppRole};
                """);
        }

        protected override NpsAppFactory Configure(NpsAppFactory app) => app
            .WithSetting("Outbox:RetryDelays:0", "00:00:00.100")
            .WithServices(services => services
                .AddMessaging(typeof(OutboxTests).Assembly)
                .AddModuleDbContext<NotesDbContext>());
    }
}

public sealed record NoteWritten(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid NoteId, string Text) : IIntegrationEvent;

public sealed class Note : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public required string Text { get; init; }
}

public sealed class Effect : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid EventId { get; init; }
    public required string Handler { get; init; }
}

public sealed class NotesDbContext(DbContextOptions<NotesDbContext> options, ITenantContext tenant, OutboxSignal signal)
    : ModuleDbContext(options, tenant, signal)
{
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<Effect> Effects => Set<Effect>();

    protected override string Schema => "outbox_test";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>().HasKey(n => new { n.TenantId, n.Id });
        modelBuilder.Entity<Effect>().HasKey(e => new { e.TenantId, e.EventId, e.Handler });
    }
}

public sealed class RecordEffect(NotesDbContext db, TimeProvider clock) : IdempotentEventHandler<NoteWritten, NotesDbContext>(db, clock)
{
    protected override Task HandleOnceAsync(NoteWritten note, CancellationToken cancellationToken)
    {
        Db.Effects.Add(new Effect { EventId = note.EventId, Handler = "record" });
        return Task.CompletedTask;
    }
}

/// <summary>Fails the first delivery of a note whose text starts with "flaky", then succeeds.</summary>
public sealed class FlakyEffect(NotesDbContext db, TimeProvider clock) : IdempotentEventHandler<NoteWritten, NotesDbContext>(db, clock)
{
    private static readonly ConcurrentDictionary<Guid, bool> FailedOnce = new();

    protected override Task HandleOnceAsync(NoteWritten note, CancellationToken cancellationToken)
    {
        if (note.Text.StartsWith("flaky") && FailedOnce.TryAdd(note.EventId, true))
        {
            throw new InvalidOperationException("A transient failure in a handler.");
        }

        Db.Effects.Add(new Effect { EventId = note.EventId, Handler = "flaky" });
        return Task.CompletedTask;
    }
}
