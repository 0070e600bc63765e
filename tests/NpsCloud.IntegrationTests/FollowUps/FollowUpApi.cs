using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.FollowUps.Escalation;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;
using Quartz;

namespace NpsCloud.IntegrationTests.FollowUps;

/// <summary>Helpers for driving follow-ups like a client: find a response's case, change it, run the escalation job.</summary>
public static class FollowUpApi
{
    public static async Task<List<JsonElement>> ListAsync(HttpClient client, string query = "")
    {
        var page = await (await client.GetAsync($"/api/v1/follow-ups{query}")).JsonAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>The case a response opened, once the outbox has delivered its event.</summary>
    public static async Task<JsonElement> WaitForCaseAsync(HttpClient client, Guid responseId)
    {
        JsonElement found = default;
        await Poll.UntilAsync(async () =>
        {
            var match = (await ListAsync(client)).Where(c => c.GetProperty("responseId").GetGuid() == responseId).ToList();
            if (match.Count == 0) return false;
            found = Assert.Single(match);
            return true;
        }, "the follow-up case");
        return found;
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid caseId, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync($"/api/v1/follow-ups/{caseId}")).JsonAsync(expected);

    public static async Task<JsonElement> StatusAsync(HttpClient client, Guid caseId, string status, string? outcome = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostAsJsonAsync($"/api/v1/follow-ups/{caseId}/status", new { status, outcome })).JsonAsync(expected);

    /// <summary>Waits until every event written so far has been delivered (so a case that should not exist would exist by now).</summary>
    public static Task OutboxDrainedAsync(TestDatabase database) =>
        Poll.UntilAsync(async () => await database.ScalarAsAdminAsync<long>("select count(*) from platform.outbox_messages where dispatched_at is null") == 0,
            "the outbox to be delivered");

    /// <summary>Fires the clustered follow-ups job now, as its 15-minute trigger would.</summary>
    public static async Task RunJobAsync(NpsAppFactory app)
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(FollowUpsJob.Key);
    }
}
