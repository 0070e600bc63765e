using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.Settings;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>
/// The tenant profile, asked for many times a request, is answered once per scope (from the host's copy or
/// the database); Tenants' own changes are seen at once, changes made elsewhere as soon as the host hears of them.
/// </summary>
public sealed class TenantProfileMemoTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_second_ask_in_one_scope_does_not_read_again_and_a_fresh_scope_sees_the_row_as_it_is_once_the_host_heard_of_the_change()
    {
        var signedUp = await TenantApi.SignUpAsync(fixture.App);
        await using var scope = ScopeOf(signedUp.TenantId);
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var before = await mediator.Send(new GetTenantProfile(signedUp.TenantId));

        Assert.NotEqual(77, before.ThrottleDays);
        await SetThrottleDaysUnderneathAsync(signedUp.TenantId, 77);

        Assert.Equal(before.ThrottleDays, (await mediator.Send(new GetTenantProfile(signedUp.TenantId))).ThrottleDays);
        // The host's copy lives a minute; the change's notification (migration 0021) makes it go at once.
        await Poll.UntilAsync(async () =>
        {
            await using var fresh = ScopeOf(signedUp.TenantId);
            return (await fresh.ServiceProvider.GetRequiredService<IMediator>().Send(new GetTenantProfile(signedUp.TenantId))).ThrottleDays == 77;
        }, "a fresh scope to see the changed row", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_settings_change_sent_in_the_same_scope_is_seen_by_the_next_ask()
    {
        var signedUp = await TenantApi.SignUpAsync(fixture.App);
        await using var scope = ScopeOf(signedUp.TenantId);
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var before = await mediator.Send(new GetTenantProfile(signedUp.TenantId));
        Assert.NotEqual(12, before.ThrottleDays);

        await mediator.Send(new TenantUpdateSettings(null, "Europe/Istanbul", 12, null, null));

        var after = await mediator.Send(new GetTenantProfile(signedUp.TenantId));
        Assert.Equal(12, after.ThrottleDays);
        Assert.Equal("Europe/Istanbul", after.TimeZone);
    }

    private AsyncServiceScope ScopeOf(Guid tenantId)
    {
        var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return scope;
    }

    /// <summary>As the tables' owner, past the application: the scope's memo cannot know.</summary>
    private async Task SetThrottleDaysUnderneathAsync(Guid tenantId, int days)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        // Row-level security applies to the owner too: name the tenant as the application does.
        await using (var tenant = new NpgsqlCommand("select set_config('app.tenant_id', @tenant, false)", connection))
        {
            tenant.Parameters.AddWithValue("tenant", tenantId.ToString());
            await tenant.ExecuteNonQueryAsync();
        }

        await using var update = new NpgsqlCommand("update tenants.tenants set throttle_days = @days where tenant_id = @tenant", connection);
        update.Parameters.AddWithValue("days", days);
        update.Parameters.AddWithValue("tenant", tenantId);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }
}
