using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpsCloud.IntegrationTests.FollowUps;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.IntegrationTests.Webhooks;
using NpsCloud.Testing;
using Xunit.Abstractions;

namespace NpsCloud.IntegrationTests.Responses;

/// <summary>
/// Many answers of one company at once, as an integration pushing a backlog would send them: every answer
/// is counted once in the rollups, every detractor gets exactly one follow-up case, and the subscribed
/// webhook receives exactly one response.created per answer, no more and no fewer.
/// </summary>
public sealed class ParallelAnswersTests(ParallelAnswersTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<ParallelAnswersTests.Fixture>
{
    private const int Answers = 2000;
    private const int Clients = 16;

    [Fact]
    public async Task Answers_posted_in_parallel_are_each_counted_followed_up_and_sent_once()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var setup = fixture.App.WithKey(company.ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(setup);
        var url = fixture.Receiver.NewUrl();
        await WebhookApi.CreateAsync(setup, url, "response.created");

        var random = new Random(2000);
        // Roughly a third detractors, as a bad week would bring; the scores are fixed before the clients start.
        var scores = Enumerable.Range(0, Answers).Select(_ => random.Next(11)).ToArray();
        var stopwatch = Stopwatch.StartNew();
        var created = new string[Answers];
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var api = fixture.App.WithKey(company.ApiKey);
            for (var i = client; i < Answers; i += Clients)
            {
                var response = await api.PostAsJsonAsync("/api/v1/responses", new { surveyId = survey, email = $"parallel{i}@example.test", score = scores[i] });
                created[i] = (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
            }
        })));
        output.WriteLine($"{Answers} answers posted by {Clients} clients in {stopwatch.Elapsed.TotalSeconds:F1} s");

        var tenant = company.TenantId;
        var detractors = scores.Count(s => s <= 6);
        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from platform.outbox_messages where tenant_id = '{tenant}' and dispatched_at is null") == 0, "the outbox to drain",
            TimeSpan.FromMinutes(4)); // about 2,700 events, each to four or five handlers, through one dispatcher
        await Poll.UntilAsync(() => Task.FromResult(fixture.Receiver.At(url).Count >= Answers), "a webhook per answer", TimeSpan.FromSeconds(60));
        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from webhooks.deliveries where tenant_id = '{tenant}' and status <> 'succeeded'") == 0, "every delivery to be done");
        output.WriteLine($"Everything delivered {stopwatch.Elapsed.TotalSeconds:F1} s after the first answer");

        // The rollups, both layers, hold each score as often as the responses do.
        var expected = string.Join(',', Enumerable.Range(0, 11).Select(s => scores.Count(x => x == s)));
        Assert.Equal(expected, await CountsAsync($"select count(*) filter (where score = s) from responses.responses where tenant_id = '{tenant}'"));
        Assert.Equal(expected, await CountsAsync($"select coalesce(sum((array[s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10])[s + 1]), 0) from scoring.daily_scores where tenant_id = '{tenant}'"));
        Assert.Equal(expected, await CountsAsync($"select coalesce(sum((array[s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10])[s + 1]), 0) from scoring.monthly_scores where tenant_id = '{tenant}'"));

        // One case per detractor answer, and none for the others.
        Assert.Equal(detractors, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from followups.cases where tenant_id = '{tenant}'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsAdminAsync<long>($"""
            select count(*) from responses.responses r
             where r.tenant_id = '{tenant}'
               and (select count(*) from followups.cases c where c.tenant_id = r.tenant_id and c.response_id = r.id) <> case when r.score <= 6 then 1 else 0 end
            """));

        // Exactly one response.created per answer was queued and reached the receiver.
        Assert.Equal(Answers, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from webhooks.deliveries where tenant_id = '{tenant}'"));
        var received = fixture.Receiver.At(url).Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.All(received, r => Assert.Equal("response.created", r.GetProperty("type").GetString()));
        Assert.Equal(created.Order(StringComparer.Ordinal), received.Select(r => r.GetProperty("data").GetProperty("responseId").GetString()!).Order(StringComparer.Ordinal));
    }

    /// <summary>Eleven numbers, for the scores 0..10, from a query of one count that names the score <c>s</c>.</summary>
    private async Task<string> CountsAsync(string countOfScoreS)
    {
        var line = await fixture.Database.ScalarAsAdminAsync<string>(
            $"select string_agg(c::text, ',' order by s) from generate_series(0, 10) s, lateral ({countOfScoreS}) as x(c)");
        return line;
    }

    public sealed class Fixture : AppFixture
    {
        public WebhookReceiver Receiver { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Receiver = await WebhookReceiver.StartAsync();
            await base.InitializeAsync();
        }

        // The receiver is on 127.0.0.1, which needs private addresses allowed.
        protected override NpsAppFactory Configure(NpsAppFactory app) =>
            base.Configure(app).WithSetting("Webhooks:AllowPrivate", "true").WithSetting("Webhooks:PollInterval", "00:00:00.100");

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Receiver.DisposeAsync();
        }
    }
}
