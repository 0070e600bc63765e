using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Responses;
using NpsCloud.Responses.Domain;
using NpsCloud.Testing;
using Xunit.Abstractions;

namespace NpsCloud.IntegrationTests.Scoring;

/// <summary>
/// What one answer costs the rollups on a day that already holds 10,000 answers: the database commands
/// the rollup handler sends (on every connection, the Responses module's included) and its time. The
/// incremental upsert sends the same few commands however full the day is, and never reads the answers.
/// </summary>
public sealed class RollupCostTests(RollupCostTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<RollupCostTests.Fixture>
{
    private const string TimeZone = "Europe/Istanbul";
    private const int AnswersAlreadyThatDay = 10_000;
    private const int Measured = 41;

    [Fact]
    public async Task One_answer_costs_a_few_commands_however_many_answers_its_day_holds()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var api = fixture.App.WithKey(company.ApiKey);
        await (await api.PatchAsJsonAsync("/api/v1/tenant/settings", new { timeZone = TimeZone })).JsonAsync(HttpStatusCode.OK);
        var survey = await SurveyApi.ActiveTransactionalAsync(api);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        var dayStart = new DateTimeOffset(today.AddDays(-1).ToDateTime(TimeOnly.MinValue), zone.BaseUtcOffset).ToUniversalTime();

        var random = new Random(3);
        var csv = new StringBuilder("surveyId,email,score,createdAt\n");
        for (var i = 0; i < AnswersAlreadyThatDay; i++)
        {
            csv.Append($"{survey},day{random.Next(200)}@example.test,{random.Next(11)},{dayStart.AddSeconds(random.Next(86_400)):O}\n");
        }

        Assert.Equal(AnswersAlreadyThatDay, (await ResponseApi.ImportAsync(api, csv.ToString())).GetProperty("imported").GetInt32());
        await Poll.UntilAsync(async () => await DayTotalAsync(company.TenantId, today.AddDays(-1)) == AnswersAlreadyThatDay, "the import's rollups");

        var commands = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (commands.TryGetValue(activity.RootId ?? "", out var texts)) texts.Add(Flat(activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")));
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var measuring = new ActivitySource("NpsCloud.IntegrationTests.RollupCost");

        var times = new List<double>();
        var counts = new List<int>();
        for (var i = 0; i < Measured; i++)
        {
            var recorded = await StoreAnswerAsync(company.TenantId, survey, random.Next(11), dayStart.AddSeconds(random.Next(86_400)));
            await using var scope = fixture.App.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(company.TenantId);
            var handler = scope.ServiceProvider.GetServices<INotificationHandler<ResponseRecorded>>().Single(h => h.GetType().Name == "CountRecordedResponseHandler");

            using var activity = new Activity("one answer's rollups").Start();
            var texts = commands.GetOrAdd(activity.RootId!, _ => []);
            var stopwatch = Stopwatch.StartNew();
            await handler.Handle(recorded, CancellationToken.None);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            activity.Stop();
            counts.Add(texts.Count);
            if (i == 0) output.WriteLine("Commands of the first answer:\n  " + string.Join("\n  ", texts));

            // The inbox record, the time zone (GetTenantProfile) and the upsert, besides setting the tenant
            // on each connection opened; nothing reads the answers.
            Assert.DoesNotContain(texts, t => t.Contains("responses.responses", StringComparison.Ordinal));
            Assert.InRange(texts.Count(t => !t.StartsWith("select set_config", StringComparison.Ordinal)), 1, 3);
        }

        times.Sort();
        output.WriteLine($"Commands per answer: {string.Join(", ", counts.Distinct())}; median time {times[Measured / 2]:F1} ms (min {times[0]:F1}, max {times[^1]:F1}).");
        Assert.Equal(AnswersAlreadyThatDay + Measured, await DayTotalAsync(company.TenantId, today.AddDays(-1)));
    }

    private static string Flat(object? text) => string.Join(' ', (text?.ToString() ?? "").Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)) is var flat && flat.Length > 120 ? flat[..120] + "..." : flat;

    /// <summary>An answer stored without its event, so that only the handler under test counts it.</summary>
    private async Task<ResponseRecorded> StoreAnswerAsync(Guid tenantId, Guid survey, int score, DateTimeOffset respondedAt)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ResponsesDbContext>();
        var now = DateTimeOffset.UtcNow;
        var response = new Response
        {
            TenantId = tenantId, Id = Guid.CreateVersion7(), SurveyId = survey, Channel = ResponseChannels.Api, Score = score,
            RespondedAt = respondedAt, RecordedAt = now, UpdatedAt = now,
        };
        db.Responses.Add(response);
        await db.SaveChangesAsync();
        return response.Recorded(now);
    }

    private Task<long> DayTotalAsync(Guid tenantId, DateOnly day) => fixture.Database.ScalarAsAdminAsync<long>($"""
        select coalesce(sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10), 0)::bigint
          from scoring.daily_scores where tenant_id = '{tenantId}' and day = '{day:yyyy-MM-dd}'
        """);

    public sealed class Fixture : AppFixture;
}
