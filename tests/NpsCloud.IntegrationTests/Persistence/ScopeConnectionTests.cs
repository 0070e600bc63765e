using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Responses;
using NpsCloud.Surveys;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Persistence;

/// <summary>One connection per scope, shared by the module contexts, with the scope's tenant on every command.</summary>
public sealed class ScopeConnectionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_contexts_of_one_scope_share_one_backend_and_other_scopes_get_their_own()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(company.TenantId);
        var surveys = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
        var responses = scope.ServiceProvider.GetRequiredService<ResponsesDbContext>();

        var first = await BackendAsync(surveys);
        await surveys.Surveys.CountAsync();
        await responses.Responses.CountAsync();
        Assert.Equal(first, await BackendAsync(responses));
        Assert.Equal(first, await BackendAsync(surveys));

        await using var other = fixture.App.Services.CreateAsyncScope();
        other.ServiceProvider.GetRequiredService<TenantContext>().Set(company.TenantId);
        Assert.NotEqual(first, await BackendAsync(other.ServiceProvider.GetRequiredService<SurveysDbContext>()));
    }

    [Fact]
    public async Task A_tenant_set_after_the_first_query_reaches_the_next_one_and_survives_a_rollback()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        var surveys = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();

        Assert.Equal("", await SettingAsync(surveys));

        tenant.Set(company.TenantId);
        Assert.Equal(company.TenantId.ToString(), await SettingAsync(surveys));

        // Set inside a transaction that is rolled back, the setting reverts: the next command sets it again.
        await using var fresh = fixture.App.Services.CreateAsyncScope();
        var freshTenant = fresh.ServiceProvider.GetRequiredService<TenantContext>();
        var freshSurveys = fresh.ServiceProvider.GetRequiredService<SurveysDbContext>();
        Assert.Equal("", await SettingAsync(freshSurveys));
        await using (var transaction = await freshSurveys.Database.BeginTransactionAsync())
        {
            freshTenant.Set(company.TenantId);
            Assert.Equal(company.TenantId.ToString(), await SettingAsync(freshSurveys));
            await transaction.RollbackAsync();
        }

        Assert.Equal(company.TenantId.ToString(), await SettingAsync(freshSurveys));
        Assert.Equal(1, await freshSurveys.Database.SqlQuery<int>($"select count(*)::int as \"Value\" from tenants.tenants").SingleAsync());
    }

    private static Task<int> BackendAsync(DbContext db) =>
        db.Database.SqlQuery<int>($"select pg_backend_pid() as \"Value\"").SingleAsync();

    private static Task<string> SettingAsync(DbContext db) =>
        db.Database.SqlQuery<string>($"select coalesce(current_setting('app.tenant_id', true), '') as \"Value\"").SingleAsync();
}
