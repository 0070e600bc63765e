using System.Diagnostics;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts;
using NpsCloud.Testing;
using Xunit.Abstractions;

namespace NpsCloud.IntegrationTests.Outbox;

/// <summary>
/// How fast a backlog drains: a burst of answer-like events, each handled by four modules (as a recorded
/// answer is by Scoring, FollowUps, Surveys and Webhooks), all delivered once within the deadline.
/// </summary>
public sealed class OutboxDrainTests(OutboxDrainTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<OutboxDrainTests.Fixture>
{
    private const int Events = 2000;

    /// <param name="batchAware">Whether the handlers override HandleManyOnceAsync (save a run at once) or handle one event at a time.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_backlog_of_answer_events_drains_with_every_handler_run_once(bool batchAware)
    {
        var tenant = Guid.NewGuid();
        var eventType = batchAware ? typeof(AnswerRecordedInBulk) : typeof(AnswerRecorded);
        var transactionsBefore = await TransactionsAsync();
        var clock = Stopwatch.StartNew();
        await fixture.Database.ExecuteAsAdminAsync($"""
            insert into platform.outbox_messages (tenant_id, id, type, payload, occurred_at, next_attempt_at)
            select '{tenant}', e.id, '{IntegrationEventTypes.NameOf(eventType)}',
                   jsonb_build_object('eventId', e.id, 'tenantId', '{tenant}', 'occurredAt', now(), 'score', e.n % 11),
                   now(), now()
              from (select gen_random_uuid() as id, n from generate_series(1, {Events}) n) e
            """);

        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where tenant_id = '{tenant}' and dispatched_at is null") == 0,
            "the backlog to drain", TimeSpan.FromMinutes(5));
        var drained = clock.Elapsed;
        output.WriteLine($"{Events} events with 4 {(batchAware ? "batch-aware" : "one-at-a-time")} handlers each drained in {drained.TotalSeconds:0.0} s, " +
            $"{(await TransactionsAsync() - transactionsBefore) / (double)Events:0.0} transactions per event (the test's own polls included)");

        Assert.Equal(4L * Events, await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from outbox_test.effects where tenant_id = '{tenant}'"));
    }

    /// <summary>Transactions committed in the test database so far (a statement outside a transaction is one).</summary>
    private async Task<long> TransactionsAsync()
    {
        await fixture.Database.ExecuteAsAdminAsync("select pg_stat_clear_snapshot()");
        return await fixture.Database.ScalarAsAdminAsync<long>("select xact_commit from pg_stat_database where datname = current_database()");
    }

    /// <summary>The notes module of <see cref="OutboxTests"/>, whose handlers run beside these.</summary>
    public sealed class Fixture : OutboxTests.Fixture;
}

public sealed record AnswerRecorded(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, int Score) : IIntegrationEvent;

/// <summary>One module's effect of an answer: a row, written with the inbox record.</summary>
public abstract class AnswerEffect(NotesDbContext db, TimeProvider clock, string name) : IdempotentEventHandler<AnswerRecorded, NotesDbContext>(db, clock)
{
    protected override Task HandleOnceAsync(AnswerRecorded answer, CancellationToken cancellationToken)
    {
        Db.Effects.Add(new Effect { EventId = answer.EventId, Handler = name });
        return Task.CompletedTask;
    }
}

public sealed class CountAnswer(NotesDbContext db, TimeProvider clock) : AnswerEffect(db, clock, "count");

public sealed class OpenCaseForAnswer(NotesDbContext db, TimeProvider clock) : AnswerEffect(db, clock, "case");

public sealed class MarkInvitationAnswered(NotesDbContext db, TimeProvider clock) : AnswerEffect(db, clock, "invitation");

public sealed class QueueAnswerWebhook(NotesDbContext db, TimeProvider clock) : AnswerEffect(db, clock, "webhook");

public sealed record AnswerRecordedInBulk(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, int Score) : IIntegrationEvent;

/// <summary>One module's effect of answers, done for a whole run: the rows of all its events, saved together.</summary>
public abstract class AnswersEffect(NotesDbContext db, TimeProvider clock, string name) : IdempotentEventHandler<AnswerRecordedInBulk, NotesDbContext>(db, clock)
{
    protected override Task HandleOnceAsync(AnswerRecordedInBulk answer, CancellationToken cancellationToken) =>
        HandleManyOnceAsync([answer], cancellationToken);

    protected override Task HandleManyOnceAsync(IReadOnlyList<AnswerRecordedInBulk> answers, CancellationToken cancellationToken)
    {
        Db.Effects.AddRange(answers.Select(a => new Effect { EventId = a.EventId, Handler = name }));
        return Task.CompletedTask;
    }
}

public sealed class CountAnswers(NotesDbContext db, TimeProvider clock) : AnswersEffect(db, clock, "count");

public sealed class OpenCasesForAnswers(NotesDbContext db, TimeProvider clock) : AnswersEffect(db, clock, "case");

public sealed class MarkInvitationsAnswered(NotesDbContext db, TimeProvider clock) : AnswersEffect(db, clock, "invitation");

public sealed class QueueAnswerWebhooks(NotesDbContext db, TimeProvider clock) : AnswersEffect(db, clock, "webhook");
