using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Mail;
using System.Text;
using NpsCloud.Testing;

namespace NpsCloud.Benchmarks.Load;

/// <summary>
/// P4, sending: a relationship survey's wave to NPS_BENCH_MEMBERS members, from activation until the SMTP
/// server (Debian's aiosmtpd, writing a maildir) holds every invitation, against the baseline: a plain
/// System.Net.Mail.SmtpClient sending as many messages of the same subject and bodies to the same server,
/// with as many connections at a time as the host's sender uses (one: InvitationDispatcher sends one
/// message after another). The company is made able to send as an operator would: <c>admin verify-email</c>
/// and <c>admin activate-tenant</c> (a trial company sends at most 500 a day, and only to its owner until verified).
/// </summary>
public static class SendingScenario
{
    public static async Task RunAsync(ResultTable table)
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var database = await TestDatabase.CreateAsync();
        await using var host = await HostProcess.StartAsync(database, "p4", new Dictionary<string, string>
        {
            ["Email:Host"] = "127.0.0.1",
            ["Email:Port"] = smtp.Port.ToString(),
        });
        var tenant = await BenchTenant.SignUpAsync(host, "Sending A.Ş.");
        await host.AdminAsync("verify-email", tenant.TenantId.ToString());
        await host.AdminAsync("activate-tenant", tenant.TenantId.ToString());
        var survey = await tenant.CreateSurveyAsync(host, new
        {
            name = "Yearly relationship", kind = "relationship", locale = "en",
            // A first wave that has passed: a survey that never had a wave has it the moment it is activated.
            schedule = new { cadence = "yearly", firstWaveAt = "2020-01-06T09:00:00" },
        }, activate: false);

        var members = BenchSettings.Members;
        using var client = host.Client(1, tenant.ApiKey);
        for (var from = 0; from < members; from += 1000)
        {
            var emails = Enumerable.Range(from, Math.Min(1000, members - from)).Select(i => $"member{i}@bench.example").ToArray();
            await BenchTenant.JsonAsync(await client.PostAsJsonAsync($"/api/v1/surveys/{survey}/members", new { emails }));
        }

        // Sign-up mails (welcome, verification) may still be on their way: start from a quiet sink.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = smtp.MessageFiles().Count;
        var bytesBefore = TotalBytes(smtp.MessageFiles());
        var resetWorks = host.ResetPeakMemory();
        var memoryBefore = host.MemoryMegabytes();
        var clock = Stopwatch.StartNew();
        await BenchTenant.JsonAsync(await client.PostAsync($"/api/v1/surveys/{survey}/activate", null));
        var wave = await WaitForAsync(smtp, before + members, "the wave's invitations", clock);
        var peak = host.PeakMemoryMegabytes();
        var hostRate = members / wave.TotalSeconds;

        // The same message the members got, to other addresses.
        var hostFiles = smtp.MessageFiles();
        var sample = hostFiles.Select(f => new FileInfo(f)).OrderByDescending(f => f.LastWriteTimeUtc).First();
        var invitation = ReceivedEmail.Parse(await File.ReadAllTextAsync(sample.FullName));
        var hostBytes = TotalBytes(hostFiles);

        var baselineStart = smtp.MessageFiles().Count;
        var baselineClock = Stopwatch.StartNew();
        var next = -1;
        var connections = BenchSettings.SmtpConcurrency;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < members;)
            {
                using var mail = new MailMessage
                {
                    From = new MailAddress("NpsCloud <no-reply@localhost>"),
                    Subject = invitation.Subject, SubjectEncoding = Encoding.UTF8,
                    Body = invitation.TextBody, BodyEncoding = Encoding.UTF8,
                };
                mail.To.Add(new MailAddress($"baseline{i}@bench.example"));
                if (invitation.HtmlBody is not null) mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(invitation.HtmlBody, Encoding.UTF8, "text/html"));
                using var sender = new SmtpClient("127.0.0.1", smtp.Port);
                await sender.SendMailAsync(mail);
            }
        })));
        var baseline = await WaitForAsync(smtp, baselineStart + members, "the baseline's messages", baselineClock);
        var baselineRate = members / baseline.TotalSeconds;
        var baselineBytes = (TotalBytes(smtp.MessageFiles()) - hostBytes) / (double)members;
        var averageBytes = (hostBytes - bytesBefore) / (double)members;

        table.Add("P4", $"wave of {members:N0} members: messages/s", ResultTable.Number(hostRate), ResultTable.Number(baselineRate) + $" (SmtpClient, {connections} at a time)",
            ResultTable.Times(hostRate / baselineRate), ">= 0.5x");
        table.Add("P4", "host peak memory during the wave (VmHWM)", ResultTable.Number(peak, " MB"), $"{ResultTable.Number(memoryBefore)} MB before", "", "<= 300 MB");
        table.Add("P4", "whole wave, activation to last message", ResultTable.Number(wave.TotalSeconds, " s"), ResultTable.Number(baseline.TotalSeconds, " s"));
        table.Note($"P4: messages of about {averageBytes / 1024:N1} KB from the host, {baselineBytes / 1024:N1} KB from the baseline (the same subject and bodies).");
        if (!resetWorks) table.Note("P4: the kernel refused to reset VmHWM, so the peak memory is since the host started.");
    }

    private static long TotalBytes(IEnumerable<string> files) => files.Sum(f => new FileInfo(f).Length);

    /// <summary>Counts the maildir twice a second (not Poll's 20 times: listing 40,000 files costs CPU the host and the server share).</summary>
    private static async Task<TimeSpan> WaitForAsync(SmtpSink smtp, int count, string what, Stopwatch clock)
    {
        var reported = TimeSpan.Zero;
        var deadline = clock.Elapsed + TimeSpan.FromHours(1);
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (true)
        {
            var received = smtp.MessageFiles().Count;
            if (received >= count) return clock.Elapsed;
            if (clock.Elapsed > deadline) throw new TimeoutException($"Timed out waiting for {what}: {received:N0} of {count:N0}.");
            if (clock.Elapsed - reported > TimeSpan.FromSeconds(15))
            {
                reported = clock.Elapsed;
                Console.WriteLine($"// {what}: {received:N0} of {count:N0} in the maildir after {clock.Elapsed.TotalSeconds:N0} s");
            }

            await ticks.WaitForNextTickAsync();
        }
    }
}
