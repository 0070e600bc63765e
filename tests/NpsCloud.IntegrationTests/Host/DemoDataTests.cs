using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Host;

/// <summary><c>./nps run --demo</c>: every module's demo data, once, however often the host starts.</summary>
public sealed class DemoDataTests(DemoDataTests.Fixture fixture) : IClassFixture<DemoDataTests.Fixture>
{
    private Task<long> ScalarAsync(string sql) => fixture.Database.ScalarAsAdminAsync<long>(sql);

    [Fact]
    public async Task The_demo_company_has_a_year_of_answers_across_departments_and_touchpoints_and_a_second_run_adds_nothing()
    {
        Assert.Equal(5000, await ScalarAsync("select count(*) from responses.responses"));
        Assert.True(await ScalarAsync("select count(distinct department_id) from responses.responses") >= 3);
        Assert.Equal(4, await ScalarAsync("select count(distinct touchpoint) from responses.responses"));
        Assert.True(await ScalarAsync("select extract(day from max(responded_at) - min(responded_at))::bigint from responses.responses") >= 300);
        Assert.True(await ScalarAsync("select count(*) from responses.responses where comment is not null") > 1000);
        // Every category is there, so the dashboards have something to show.
        Assert.Equal(3, await ScalarAsync("select count(distinct category) from responses.responses"));

        // Goals: one on track, one at risk, one off track, each with weeks of reviews behind it.
        Assert.Equal(3, await ScalarAsync("select count(*) from goals.goals"));
        var statuses = await fixture.Database.ScalarAsAdminAsync<string>(
            "select string_agg(status, ',' order by status) from (select distinct on (goal_id) goal_id, status from goals.reviews order by goal_id, reviewed_at desc) latest");
        Assert.Equal("at_risk,off_track,on_track", statuses);
        Assert.True(await ScalarAsync("select min(n) from (select count(*) as n from goals.reviews group by goal_id) r") >= 7);

        await using var scope = fixture.App.Services.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoDataSeeder>()) await seeder.SeedAsync(CancellationToken.None);

        Assert.Equal(5000, await ScalarAsync("select count(*) from responses.responses"));
        Assert.Equal(1, await ScalarAsync("select count(*) from tenants.tenants"));
        Assert.Equal(3, await ScalarAsync("select count(*) from goals.goals"));
    }

    public sealed class Fixture : AppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => app.WithSetting("Demo:Seed", "true");
    }
}
