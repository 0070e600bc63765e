using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Retention;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;
using Quartz;

namespace NpsCloud.IntegrationTests.Outbox;

/// <summary>
/// The daily retention job, fired through the real clustered scheduler: what has served its purpose goes,
/// and nothing that may still be needed does.
/// </summary>
public sealed class RetentionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_retention_job_forgets_old_machinery_records_and_keeps_what_may_still_be_needed()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        var webhook = (await (await api.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.test/retention", events = new[] { "goal.reviewed" } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var tenant = company.TenantId;
        Guid oldDispatched = Guid.NewGuid(), recentDispatched = Guid.NewGuid(), stillPending = Guid.NewGuid();
        Guid oldDelivery = Guid.NewGuid(), recentDelivery = Guid.NewGuid(), oldPendingDelivery = Guid.NewGuid();
        await fixture.Database.ExecuteAsAdminAsync($$"""
            insert into platform.outbox_messages (tenant_id, id, type, payload, occurred_at, next_attempt_at, dispatched_at) values
              ('{{tenant}}', '{{oldDispatched}}', 'Test', '{}', now() - interval '8 days', now() - interval '8 days', now() - interval '8 days'),
              ('{{tenant}}', '{{recentDispatched}}', 'Test', '{}', now() - interval '1 day', now() - interval '1 day', now() - interval '1 day'),
              ('{{tenant}}', '{{stillPending}}', 'Test', '{}', now() - interval '40 days', now() + interval '1 year', null);
            insert into platform.inbox_messages (tenant_id, handler, event_id, handled_at) values
              ('{{tenant}}', 'retention-test', '{{oldDispatched}}', now() - interval '40 days'),
              ('{{tenant}}', 'retention-test', '{{stillPending}}', now() - interval '40 days'),
              ('{{tenant}}', 'retention-test', '{{recentDispatched}}', now() - interval '10 days');
            insert into platform.idempotency_keys (tenant_id, key, fingerprint, status_code, locked_until, created_at, expires_at) values
              ('{{tenant}}', 'expired', '\x00', 201, now() - interval '2 days', now() - interval '2 days', now() - interval '1 day'),
              ('{{tenant}}', 'current', '\x00', 201, now(), now(), now() + interval '23 hours');
            insert into webhooks.deliveries (tenant_id, id, endpoint_id, message_id, event_id, event_type, payload, status, attempts, created_at, completed_at) values
              ('{{tenant}}', '{{oldDelivery}}', '{{webhook}}', 'msg_old', gen_random_uuid(), 'goal.reviewed', '{}', 'succeeded', 1, now() - interval '31 days', now() - interval '31 days'),
              ('{{tenant}}', '{{recentDelivery}}', '{{webhook}}', 'msg_recent', gen_random_uuid(), 'goal.reviewed', '{}', 'failed', 8, now() - interval '6 days', now() - interval '5 days');
            insert into webhooks.deliveries (tenant_id, id, endpoint_id, message_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at) values
              ('{{tenant}}', '{{oldPendingDelivery}}', '{{webhook}}', 'msg_pending', gen_random_uuid(), 'goal.reviewed', '{}', 'pending', 3, now() + interval '1 year', now() - interval '60 days');
            insert into webhooks.delivery_attempts (tenant_id, id, delivery_id, number, attempted_at, status_code, duration_ms) values
              ('{{tenant}}', gen_random_uuid(), '{{oldDelivery}}', 1, now() - interval '31 days', 200, 12),
              ('{{tenant}}', gen_random_uuid(), '{{recentDelivery}}', 1, now() - interval '6 days', 500, 12);
            """);

        var scheduler = await fixture.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(RetentionJob.Key);

        async Task<long> CountAsync(string table, string where) =>
            await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from {table} where tenant_id = '{tenant}' and {where}");
        await Poll.UntilAsync(async () => await CountAsync("webhooks.deliveries", $"id = '{oldDelivery}'") == 0, "the retention job to run");

        Assert.Equal(0, await CountAsync("platform.outbox_messages", $"id = '{oldDispatched}'"));
        Assert.Equal(1, await CountAsync("platform.outbox_messages", $"id = '{recentDispatched}'"));
        Assert.Equal(1, await CountAsync("platform.outbox_messages", $"id = '{stillPending}'"));
        Assert.Equal(0, await CountAsync("platform.inbox_messages", $"event_id = '{oldDispatched}'"));
        Assert.Equal(1, await CountAsync("platform.inbox_messages", $"event_id = '{stillPending}'")); // it may still be delivered again
        Assert.Equal(1, await CountAsync("platform.inbox_messages", $"event_id = '{recentDispatched}'"));
        Assert.Equal(0, await CountAsync("platform.idempotency_keys", "key = 'expired'"));
        Assert.Equal(1, await CountAsync("platform.idempotency_keys", "key = 'current'"));
        Assert.Equal(0, await CountAsync("webhooks.delivery_attempts", $"delivery_id = '{oldDelivery}'"));
        Assert.Equal(1, await CountAsync("webhooks.deliveries", $"id = '{recentDelivery}'"));
        Assert.Equal(1, await CountAsync("webhooks.delivery_attempts", $"delivery_id = '{recentDelivery}'"));
        Assert.Equal(1, await CountAsync("webhooks.deliveries", $"id = '{oldPendingDelivery}'"));
        Assert.Equal(1, await CountAsync("webhooks.endpoints", $"id = '{webhook}'"));
    }
}
