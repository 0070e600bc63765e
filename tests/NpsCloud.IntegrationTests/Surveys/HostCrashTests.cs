using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.IntegrationTests.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Surveys;

/// <summary>A host that stops in the middle of a wave: another host finishes it, and nobody gets two emails.</summary>
public sealed class HostCrashTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private SmtpSink _smtp = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _smtp = await SmtpSink.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    private NpsAppFactory Host() => new NpsAppFactory(_database).WithSmtp(_smtp)
        .WithSetting("Sending:PollInterval", "00:00:00.100")
        .WithSetting("Sending:BatchSize", "20")
        .WithSetting("Sending:Lease", "00:00:02");

    [Fact]
    public async Task A_host_killed_mid_wave_leaves_the_rest_to_the_next_host_and_no_one_is_mailed_twice()
    {
        var members = Enumerable.Range(1, 30).Select(i => $"m{i:00}-{Guid.NewGuid():N}@example.test").ToArray();
        var first = Host().WithServices(services => services.AddSingleton<IEmailSender>(provider =>
            new StallingSender(ActivatorUtilities.CreateInstance<SmtpEmailSender>(provider), sendsBeforeStalling: 10)));
        var company = await TenantApi.SignUpAsync(first);
        var client = first.WithKey(company.ApiKey);
        var survey = await SurveyApi.CreateAsync(client, new
        {
            name = "Yearly", kind = "relationship", locale = "en",
            schedule = new { cadence = "yearly", firstWaveAt = DateTime.UtcNow.AddSeconds(2).ToString("yyyy-MM-ddTHH:mm:ss") },
        });
        await (await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails = members })).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/v1/surveys/{survey}/activate", null)).JsonAsync(HttpStatusCode.OK);

        await Poll.UntilAsync(() => Task.FromResult(members.Count(m => _smtp.CountByRecipient().ContainsKey(m)) == 10), "the first host's ten emails");
        await first.DisposeAsync(); // mid-wave: one send hanging, the rest of its batch claimed

        await using var second = Host();
        _ = second.Server;

        await Poll.UntilAsync(() => Task.FromResult(members.All(m => _smtp.CountByRecipient().ContainsKey(m))), "every member's email", TimeSpan.FromSeconds(60));
        var counts = _smtp.CountByRecipient();
        Assert.All(members, m => Assert.Equal(1, counts[m]));
        Assert.Equal(30L, await _database.ScalarAsAdminAsync<long>($"select count(*) from surveys.invitations where survey_id = '{survey}' and status = 'sent'"));
    }

    /// <summary>Sends a number of invitations, then hangs on the next as a host dying mid-send would.</summary>
    private sealed class StallingSender(IEmailSender inner, int sendsBeforeStalling) : IEmailSender
    {
        private int _sent;

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            var invitation = message.Headers.ContainsKey("Message-ID"); // not the welcome email
            if (invitation && Interlocked.Increment(ref _sent) > sendsBeforeStalling)
            {
                await new TaskCompletionSource().Task.WaitAsync(cancellationToken); // hangs until the host stops
            }

            await inner.SendAsync(message, cancellationToken);
        }
    }
}
