using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Surveys.Sending;
using NpsCloud.Testing;
using Quartz;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>Relationship waves fired by the real clustered Quartz store, delivered through a real SMTP server.</summary>
public sealed class RelationshipWaveTests(RelationshipWaveTests.Fixture fixture) : IClassFixture<RelationshipWaveTests.Fixture>
{
    [Fact]
    public async Task A_wave_reaches_every_eligible_member_once_and_a_second_wave_inside_the_throttle_window_reaches_nobody()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var client = fixture.App.WithKey(company.ApiKey);
        var members = Enumerable.Range(1, 3).Select(i => $"member{i}-{Guid.NewGuid():N}@example.test").ToArray();
        var unsubscribed = $"unsubscribed-{Guid.NewGuid():N}@example.test";
        var survey = await SurveyApi.CreateAsync(client, new
        {
            name = "Quarterly relationship", kind = "relationship", locale = "en",
            schedule = new { cadence = "quarterly", firstWaveAt = DateTime.UtcNow.AddSeconds(2).ToString("yyyy-MM-ddTHH:mm:ss") },
        });
        var added = await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails = members.Append(unsubscribed) })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(4, added.GetProperty("added").GetInt32());
        var leaving = await (await client.PostAsJsonAsync("/api/v1/contacts", new { email = unsubscribed })).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/v1/contacts/{leaving.GetProperty("id").GetGuid()}/unsubscribe", null)).JsonAsync(HttpStatusCode.OK);

        var activated = await (await client.PostAsync($"/api/v1/surveys/{survey}/activate", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("active", activated.GetProperty("status").GetString());

        await Poll.UntilAsync(() => Task.FromResult(members.All(m => fixture.Smtp.CountByRecipient().ContainsKey(m))), "the first wave's three emails");
        foreach (var member in members)
        {
            var email = fixture.Smtp.Messages().Single(m => m.To.Contains(member));
            Assert.Equal(11, SurveyApi.ScoreLinks(email.HtmlBody!).Count);
            Assert.Contains("/u/", email.HtmlBody);
        }

        // A second wave in two seconds (a wave is named by its scheduled second): every member was surveyed
        // moments ago, inside the 30-day window.
        var scheduler = await fixture.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.ScheduleJob(TriggerBuilder.Create().ForJob(WaveTriggers.JobFor(company.TenantId, survey)).StartAt(DateTimeOffset.UtcNow.AddSeconds(2)).Build());
        await Poll.UntilAsync(async () => await fixture.Database.ScalarAsAdminAsync<long>(
            $"select count(*) from surveys.waves where survey_id = '{survey}' and throttled = 3 and invited = 0") == 1, "the second wave to be throttled");

        var counts = fixture.Smtp.CountByRecipient();
        Assert.All(members, m => Assert.Equal(1, counts[m]));
        Assert.False(counts.ContainsKey(unsubscribed));
        var stats = await (await client.GetAsync($"/api/v1/surveys/{survey}/stats")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, stats.GetProperty("invited").GetInt32());
        Assert.Equal(3, stats.GetProperty("throttled").GetInt32());
    }

    [Fact]
    public async Task Editing_pausing_and_resuming_a_survey_after_its_first_wave_never_starts_an_extra_wave()
    {
        var company = await TenantApi.SignUpAsync(fixture.App);
        var client = fixture.App.WithKey(company.ApiKey);
        var member = $"steady-{Guid.NewGuid():N}@example.test";
        var survey = await SurveyApi.CreateAsync(client, new
        {
            name = "Half-yearly", kind = "relationship", locale = "en",
            schedule = new { cadence = "halfYearly", firstWaveAt = DateTime.UtcNow.AddSeconds(2).ToString("yyyy-MM-ddTHH:mm:ss") },
        });
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails = new[] { member } })).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/v1/surveys/{survey}/activate", null)).JsonAsync(HttpStatusCode.OK);
        await fixture.Smtp.WaitForAsync(m => m.To.Contains(member), "the first wave");

        var renamed = await (await client.PatchAsJsonAsync($"/api/v1/surveys/{survey}", new { name = "Half-yearly NPS" })).JsonAsync(HttpStatusCode.OK);
        Assert.True(renamed.GetProperty("nextWaveAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(150), "renaming moved the next wave");
        await (await client.PostAsync($"/api/v1/surveys/{survey}/pause", null)).JsonAsync(HttpStatusCode.OK);
        var resumed = await (await client.PostAsync($"/api/v1/surveys/{survey}/activate", null)).JsonAsync(HttpStatusCode.OK);

        // The next wave is the scheduled one half a year on, not one right away.
        Assert.True(resumed.GetProperty("nextWaveAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(150), "resuming started a wave now");
        Assert.Equal(1L, await fixture.Database.ScalarAsAdminAsync<long>($"select count(*) from surveys.waves where survey_id = '{survey}'"));
    }

    [Fact]
    public async Task When_the_company_moves_time_zone_its_waves_keep_their_local_hour()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var firstWave = DateTime.UtcNow.Date.AddDays(5).AddHours(9);
        var survey = await SurveyApi.CreateAsync(client, new
        {
            name = "Monthly-ish", kind = "relationship", locale = "en",
            schedule = new { everyDays = 30, firstWaveAt = firstWave.ToString("yyyy-MM-ddTHH:mm:ss") },
        });
        await (await client.PostAsync($"/api/v1/surveys/{survey}/activate", null)).JsonAsync(HttpStatusCode.OK);

        await (await client.PatchAsJsonAsync("/api/v1/tenant/settings", new { timeZone = "Europe/Istanbul" })).JsonAsync(HttpStatusCode.OK);

        // 09:00 in Istanbul (UTC+3 all year) is 06:00 UTC.
        await Poll.UntilAsync(async () =>
            (await (await client.GetAsync($"/api/v1/surveys/{survey}")).JsonAsync(HttpStatusCode.OK)).GetProperty("nextWaveAt").GetDateTimeOffset()
            == new DateTimeOffset(firstWave.AddHours(-3), TimeSpan.Zero), "the schedule to follow the time zone");
    }

    [Fact]
    public async Task Members_show_their_next_scheduled_send_counting_their_throttle_window()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var firstWave = DateTime.UtcNow.Date.AddDays(3).AddHours(9);
        var survey = await SurveyApi.CreateAsync(client, new
        {
            name = "Every two weeks", kind = "relationship", locale = "en",
            schedule = new { everyDays = 14, firstWaveAt = firstWave.ToString("yyyy-MM-ddTHH:mm:ss") },
        });
        var fresh = $"fresh-{Guid.NewGuid():N}@example.test";
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails = new[] { fresh } })).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/v1/surveys/{survey}/activate", null)).JsonAsync(HttpStatusCode.OK);

        var listed = await (await client.GetAsync($"/api/v1/surveys/{survey}/members")).JsonAsync(HttpStatusCode.OK);

        var member = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal("eligible", member.GetProperty("status").GetString());
        Assert.Equal(new DateTimeOffset(firstWave, TimeSpan.Zero), member.GetProperty("nextSendAt").GetDateTimeOffset());
        var view = await (await client.GetAsync($"/api/v1/surveys/{survey}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(new DateTimeOffset(firstWave, TimeSpan.Zero), view.GetProperty("nextWaveAt").GetDateTimeOffset());
    }

    public sealed class Fixture : SmtpAppFixture
    {
        protected override NpsAppFactory Configure(NpsAppFactory app) => base.Configure(app).WithSetting("Sending:PollInterval", "00:00:00.100");
    }
}
