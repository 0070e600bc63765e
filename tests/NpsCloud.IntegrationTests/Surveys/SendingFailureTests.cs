using System.Net;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>What the mail server says decides what happens: a 550 is a bounce, a server that is down is retried.</summary>
public sealed class SendingFailureTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task A_recipient_the_server_refuses_for_good_is_marked_bounced_and_not_mailed_again()
    {
        await using var smtp = await SmtpSink.StartAsync(rejectRecipientsStartingWith: "bounce");
        await using var app = new NpsAppFactory(_database).WithSmtp(smtp).WithSetting("Sending:PollInterval", "00:00:00.100");
        var client = app.WithKey((await TenantApi.SignUpAsync(app)).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(client);
        var email = $"bounce-{Guid.NewGuid():N}@example.test";

        await SurveyApi.RequestAsync(client, survey, new { email });

        var contact = await Poll.ForAsync(async () =>
        {
            var bounced = await (await client.GetAsync("/api/v1/contacts?status=bounced")).JsonAsync(HttpStatusCode.OK);
            return bounced.GetProperty("items").EnumerateArray().Select(c => (System.Text.Json.JsonElement?)c).FirstOrDefault(c => c!.Value.GetProperty("email").GetString() == email) is { } found
                ? found.ToString() : null;
        }, "the contact to be marked bounced");
        Assert.Contains("550", contact);
        var stats = await (await client.GetAsync($"/api/v1/surveys/{survey}/stats")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, stats.GetProperty("bounced").GetInt32());
        var again = await SurveyApi.RequestAsync(client, survey, new { email }, HttpStatusCode.OK);
        Assert.Equal("bounced", again.GetProperty("reason").GetString());
        Assert.DoesNotContain(smtp.Messages(), m => m.To.Contains(email));
    }

    [Fact]
    public async Task An_invitation_that_meets_a_server_that_is_down_is_retried_and_delivered_once_it_is_back()
    {
        var port = Network.FreePort();
        await using var app = new NpsAppFactory(_database)
            .WithSetting("Email:Host", "127.0.0.1").WithSetting("Email:Port", port.ToString())
            .WithSetting("Sending:PollInterval", "00:00:00.100").WithSetting("Sending:RetryDelays:0", "00:00:00.500");
        var client = app.WithKey((await TenantApi.SignUpAsync(app)).ApiKey);
        var survey = await SurveyApi.ActiveTransactionalAsync(client);
        var email = $"patient-{Guid.NewGuid():N}@example.test";
        var accepted = await SurveyApi.RequestAsync(client, survey, new { email });
        var invitation = accepted.GetProperty("invitationId").GetGuid();

        await Poll.UntilAsync(async () => await _database.ScalarAsAdminAsync<int>($"select attempts from surveys.invitations where id = '{invitation}'") >= 1,
            "a failed attempt");
        Assert.Equal("scheduled", await _database.ScalarAsAdminAsync<string>($"select status from surveys.invitations where id = '{invitation}'"));

        await using var smtp = await SmtpSink.StartAsync(port);
        await smtp.WaitForAsync(m => m.To.Contains(email), "the retried invitation");
        await Poll.UntilAsync(async () => await _database.ScalarAsAdminAsync<string>($"select status from surveys.invitations where id = '{invitation}'") == "sent",
            "the invitation to be marked sent");
        Assert.Single(smtp.Messages(), m => m.To.Contains(email));
    }
}
