using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>The trial runs 14 days on the host's clock; then reads work and writes answer 402 until an operator activates.</summary>
public sealed class TrialTests(TrialTests.Fixture fixture) : IClassFixture<TrialTests.Fixture>
{
    [Fact]
    public async Task After_fourteen_days_writes_answer_402_and_reads_still_work_until_the_tenant_is_activated()
    {
        var signedUp = await TenantApi.SignUpAsync(fixture.App);
        var client = fixture.App.WithKey(signedUp.ApiKey);
        var sales = await TenantApi.CreateDepartmentAsync(client, "Sales");

        fixture.App.Clock!.Advance(TimeSpan.FromDays(13));
        Assert.Equal(1, (await (await client.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK)).GetProperty("trialDaysLeft").GetInt32());
        await TenantApi.CreateDepartmentAsync(client, "Still in the trial");

        fixture.App.Clock.Advance(TimeSpan.FromDays(1));
        var tenant = await (await client.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("expired", tenant.GetProperty("plan").GetString());
        var refused = await (await client.PostAsJsonAsync("/api/v1/departments", new { name = "Support" })).JsonAsync(HttpStatusCode.PaymentRequired);
        Assert.Equal("trial_expired", refused.GetProperty("code").GetString());
        Assert.Equal("urn:npscloud:problem:trial_expired", refused.GetProperty("type").GetString());
        await (await client.PatchAsJsonAsync($"/api/v1/departments/{sales}", new { name = "Renamed" })).JsonAsync(HttpStatusCode.PaymentRequired);
        await (await client.PatchAsJsonAsync("/api/v1/tenant/settings", new { throttleDays = 10 })).JsonAsync(HttpStatusCode.PaymentRequired);
        Assert.Equal(2, (await (await client.GetAsync("/api/v1/departments")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());

        var activate = fixture.App.Services.GetServices<IAdminCommand>().Single(c => c.Name == "activate-tenant");
        Assert.Equal(0, await activate.RunAsync([signedUp.TenantId.ToString()], TextWriter.Null, CancellationToken.None));

        Assert.Equal("active", (await (await client.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK)).GetProperty("plan").GetString());
        await TenantApi.CreateDepartmentAsync(client, "Support");
    }

    [Fact]
    public async Task A_leaked_key_can_still_be_revoked_after_the_trial()
    {
        var signedUp = await TenantApi.SignUpAsync(fixture.App);
        var admin = fixture.App.WithKey(signedUp.ApiKey);
        var leaked = await TenantApi.CreateKeyAsync(admin, "read");
        var leakedId = (await (await admin.GetAsync("/api/v1/api-keys")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().First(k => leaked.StartsWith(k.GetProperty("prefix").GetString()!)).GetProperty("id").GetGuid();

        fixture.App.Clock!.Advance(TimeSpan.FromDays(15));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/api-keys/{leakedId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.WithKey(leaked).GetAsync("/api/v1/tenant")).StatusCode);
    }

    [Fact]
    public async Task Activating_an_unknown_tenant_fails_with_a_message()
    {
        var activate = fixture.App.Services.GetServices<IAdminCommand>().Single(c => c.Name == "activate-tenant");
        var output = new StringWriter();

        Assert.Equal(1, await activate.RunAsync([Guid.NewGuid().ToString()], output, CancellationToken.None));
        Assert.Contains("No tenant", output.ToString());
    }

    public sealed class Fixture : AppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => app.WithFakeClock(DateTimeOffset.UtcNow);
    }
}
