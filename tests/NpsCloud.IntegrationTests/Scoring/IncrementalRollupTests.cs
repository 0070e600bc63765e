using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Scoring;

/// <summary>
/// The incremental rollups against a full rebuild: after a random sequence of answers (API and response
/// page), score changes (some submitted twice at once), erasures, a bulk import, a rebuild and a change of
/// time zone while events are still on their way, every daily and monthly row equals what a rebuild from
/// the responses writes, and what a raw aggregation of the responses gives.
/// </summary>
public sealed class IncrementalRollupTests(IncrementalRollupTests.Fixture fixture) : IClassFixture<IncrementalRollupTests.Fixture>
{
    private const int Operations = 300;
    private const int Links = 16;

    [Fact]
    public async Task Incremental_rollups_equal_a_rebuild_after_a_random_sequence_of_answers_changes_erasures_and_an_import()
    {
        var timeZone = "America/New_York";
        var company = await TenantApi.SignUpAsync(fixture.App);
        var tenant = company.TenantId;
        var api = fixture.App.WithKey(company.ApiKey);
        await (await api.PatchAsJsonAsync("/api/v1/tenant/settings", new { timeZone })).JsonAsync(HttpStatusCode.OK);
        var departments = new[] { await TenantApi.CreateDepartmentAsync(api, "Sales"), await TenantApi.CreateDepartmentAsync(api, "Support") };
        var surveys = new[]
        {
            await SurveyApi.ActiveTransactionalAsync(api, new { touchpoint = "delivery" }),
            await SurveyApi.ActiveTransactionalAsync(api, new { departmentId = departments[1] }),
        };

        // Links of the response page: a link's first answer records it, every later one changes its score.
        var emails = Enumerable.Range(0, Links).Select(i => $"link{i}-{Guid.NewGuid():N}@example.test").ToList();
        for (var i = 0; i < Links; i++) await SurveyApi.RequestAsync(api, surveys[i % 2], new { email = emails[i] });
        var pages = new List<string>();
        foreach (var email in emails)
        {
            var mail = await fixture.Smtp.WaitForAsync(m => m.To.Contains(email), "the invitation");
            pages.Add("/r/" + SurveyApi.TokenOf(SurveyApi.ScoreLinks(mail.TextBody!)[0]));
        }

        var browser = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        var rebuild = fixture.App.Services.GetServices<IAdminCommand>().Single(c => c.Name == "rebuild-rollups");
        var random = new Random(16);
        var now = DateTimeOffset.UtcNow;
        var contacts = new List<Guid>();
        var (recorded, changedTogether, erased) = (0, 0, 0);
        for (var operation = 0; operation < Operations; operation++)
        {
            if (operation == Operations / 3)
            {
                // A bulk import reaching back half a year, into days the API answers also fill.
                var csv = new StringBuilder("surveyId,email,score,createdAt,departmentId,touchpoint\n");
                for (var i = 0; i < 400; i++)
                {
                    csv.Append($"{surveys[random.Next(2)]},imp{random.Next(40)}@example.test,{random.Next(11)},{now.AddHours(-random.Next(0, 24 * 180)):O},")
                        .Append(random.Next(3) == 0 ? departments[random.Next(2)].ToString() : "").Append(',')
                        .Append(random.Next(3) == 0 ? "store" : "").Append('\n');
                }

                Assert.Equal(400, (await ResponseApi.ImportAsync(api, csv.ToString())).GetProperty("imported").GetInt32());
                continue;
            }

            if (operation == Operations / 2)
            {
                // A repair while events are still on their way: the answers it counts must not count again when their events arrive.
                Assert.Equal(0, await rebuild.RunAsync([tenant.ToString()], TextWriter.Null, CancellationToken.None));
                continue;
            }

            if (operation == 2 * Operations / 3)
            {
                // Every answer moves to another local day: the rollups are rebuilt while answers keep coming.
                timeZone = "Europe/Istanbul";
                await (await api.PatchAsJsonAsync("/api/v1/tenant/settings", new { timeZone })).JsonAsync(HttpStatusCode.OK);
                continue;
            }

            var roll = random.Next(100);
            if (roll < 55)
            {
                var created = await ResponseApi.RecordAsync(api, new
                {
                    surveyId = surveys[random.Next(2)], email = $"api{random.Next(60)}@example.test", score = random.Next(11),
                    // Spread over two months and around local midnight.
                    createdAt = now.AddMinutes(-random.Next(0, 60 * 24 * 60)),
                    departmentId = random.Next(3) == 0 ? departments[random.Next(2)] : (Guid?)null,
                    touchpoint = random.Next(4) switch { 0 => "web", 1 => "  ", _ => null },
                });
                contacts.Add(created.GetProperty("contact").GetProperty("id").GetGuid());
                recorded++;
            }
            else if (roll < 90)
            {
                var page = pages[random.Next(Links)];
                if (random.Next(5) == 0)
                {
                    // A double submission with two scores: whichever lands last is the answer; each change must move one count.
                    var both = await Task.WhenAll(
                        browser.PostAsync(page, new FormUrlEncodedContent([new("score", random.Next(11).ToString())])),
                        browser.PostAsync(page, new FormUrlEncodedContent([new("score", random.Next(11).ToString())])));
                    Assert.All(both, r => Assert.True((int)r.StatusCode < 400, r.StatusCode.ToString()));
                    changedTogether++;
                }
                else
                {
                    var answered = await browser.PostAsync(page, new FormUrlEncodedContent([new("score", random.Next(11).ToString())]));
                    Assert.True((int)answered.StatusCode < 400, answered.StatusCode.ToString());
                }
            }
            else if (contacts.Count > 0)
            {
                // Erasure forgets the person, not their scores: the rollups must not move.
                var contact = contacts[random.Next(contacts.Count)];
                var erase = await api.DeleteAsync($"/api/v1/contacts/{contact}");
                Assert.True(erase.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotFound, erase.StatusCode.ToString());
                erased++;
            }
        }

        Assert.True(recorded > 100 && changedTogether > 5 && erased > 5, $"{recorded} recorded, {changedTogether} double submissions, {erased} erasures");
        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where tenant_id = '{tenant}' and dispatched_at is null") == 0, "the outbox to drain",
            TimeSpan.FromMinutes(2)); // a few thousand deliveries (cases, their emails, invitations) on a busy machine

        var incremental = await RollupRowsAsync(tenant);
        Assert.Equal(await RawRowsAsync(tenant, timeZone), incremental);
        Assert.Equal(0, await rebuild.RunAsync([tenant.ToString()], TextWriter.Null, CancellationToken.None));
        Assert.Equal(await RollupRowsAsync(tenant), incremental);
    }

    /// <summary>Every daily and monthly rollup row that holds an answer, as one line of its bucket and eleven counts.</summary>
    private Task<List<string>> RollupRowsAsync(Guid tenant) => fixture.Database.LinesAsAdminAsync($"""
        select concat_ws('|', 'day', day, survey_id, department_id, touchpoint, channel, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
          from scoring.daily_scores where tenant_id = '{tenant}' and s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 <> 0
        union all
        select concat_ws('|', 'month', month, survey_id, department_id, touchpoint, channel, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
          from scoring.monthly_scores where tenant_id = '{tenant}' and s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 <> 0
        """);

    /// <summary>The same lines from the responses.</summary>
    private Task<List<string>> RawRowsAsync(Guid tenant, string timeZone)
    {
        var day = $"(responded_at at time zone '{timeZone}')::date";
        var counts = string.Join(", ", Enumerable.Range(0, 11).Select(s => $"count(*) filter (where score = {s})"));
        return fixture.Database.LinesAsAdminAsync($"""
            select concat_ws('|', 'day', {day}, survey_id, department_id, touchpoint, channel, {counts})
              from responses.responses where tenant_id = '{tenant}' group by {day}, survey_id, department_id, touchpoint, channel
            union all
            select concat_ws('|', 'month', date_trunc('month', {day})::date, survey_id, department_id, touchpoint, channel, {counts})
              from responses.responses where tenant_id = '{tenant}' group by date_trunc('month', {day})::date, survey_id, department_id, touchpoint, channel
            """);
    }

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithSetting("Sending:PollInterval", "00:00:00.100");
    }
}
