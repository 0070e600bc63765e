using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Email;

public sealed class EmailTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Mail_reaches_a_real_smtp_server_with_a_turkish_subject_and_both_bodies()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var app = new NpsAppFactory(_database).WithSmtp(smtp).WithSetting("Email:From", "NpsCloud <nps@example.test>");

        await app.Services.GetRequiredService<IEmailSender>().SendAsync(
            new EmailMessage("ayse@example.test", "Görüşünüz bizim için önemli", "Düz metin gövde", "<p>HTML gövde: ğüşıöç</p>")
            {
                ToName = "Ayşe Yılmaz",
                Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://nps.example/u/abc>" },
            });

        var received = await smtp.WaitForAsync(m => m.To.Contains("ayse@example.test"), "the mail to arrive");
        Assert.Equal("Görüşünüz bizim için önemli", received.Subject);
        Assert.Contains("Ayşe Yılmaz", received.To);
        Assert.Contains("nps@example.test", received.From);
        Assert.Contains("Düz metin gövde", received.TextBody);
        Assert.Contains("ğüşıöç", received.HtmlBody);
        Assert.Equal("<https://nps.example/u/abc>", received.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public async Task Without_an_smtp_server_mail_is_written_to_the_pickup_folder_of_the_data_directory()
    {
        await using var app = new NpsAppFactory(_database);

        await app.Services.GetRequiredService<IEmailSender>().SendAsync(new EmailMessage("mehmet@example.test", "Pickup", "Saved as a file"));

        var files = Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml");
        var saved = ReceivedEmail.Parse(await File.ReadAllTextAsync(Assert.Single(files)));
        Assert.Equal("Pickup", saved.Subject);
        Assert.Contains("Saved as a file", saved.TextBody);
    }
}
