using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

public sealed class SignUpTests(SignUpTests.Fixture fixture) : IClassFixture<SignUpTests.Fixture>
{
    [Fact]
    public async Task Sign_up_returns_an_admin_key_that_reads_the_new_tenant()
    {
        var before = DateTimeOffset.UtcNow;
        var signedUp = await TenantApi.SignUpAsync(fixture.App, "Kuzey Kargo A.Ş.");

        Assert.StartsWith("nps_live_", signedUp.ApiKey);
        Assert.InRange(signedUp.TrialEndsAt, before.AddDays(14).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(14).AddMinutes(1));
        var tenant = await (await fixture.App.WithKey(signedUp.ApiKey).GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(signedUp.TenantId, tenant.GetProperty("id").GetGuid());
        Assert.Equal("Kuzey Kargo A.Ş.", tenant.GetProperty("name").GetString());
        Assert.Equal("trial", tenant.GetProperty("plan").GetString());
        var settings = tenant.GetProperty("settings");
        Assert.Equal(30, settings.GetProperty("throttleDays").GetInt32());
        Assert.Equal(48, settings.GetProperty("followUpSlaHours").GetInt32());
        Assert.False(settings.GetProperty("followUpPassives").GetBoolean());
        Assert.Equal("UTC", settings.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task The_owner_gets_a_welcome_email_in_the_chosen_language_with_the_login_link()
    {
        var signedUp = await TenantApi.SignUpAsync(fixture.App, "Ege Tekstil", locale: "tr");

        var welcome = await fixture.Smtp.WaitForAsync(m => m.To.Contains(signedUp.Email) && m.Subject.Contains("hoş geldiniz"), "the welcome email");
        Assert.Equal("NpsCloud'a hoş geldiniz, Ege Tekstil", welcome.Subject);
        Assert.Contains("/login", welcome.TextBody);
        Assert.Contains("14 gün", welcome.HtmlBody);
    }

    [Fact]
    public async Task An_email_address_already_registered_is_a_409_whatever_its_case()
    {
        var first = await TenantApi.SignUpAsync(fixture.App);

        var again = await fixture.App.CreateClient().PostAsJsonAsync("/api/v1/signup", new
        {
            companyName = "Another company", name = "Someone", email = first.Email.ToUpperInvariant(), password = "another long password", locale = "en",
        });

        var problem = await again.JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("conflict", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field()
    {
        var response = await fixture.App.CreateClient().PostAsJsonAsync("/api/v1/signup", new
        {
            companyName = " ", name = "", email = "not-an-email", password = "not-an-email", locale = "de", timeZone = "Mars/Olympus",
        });

        var errors = (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["companyName", "email", "locale", "name", "password", "timeZone"],
            errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task A_password_equal_to_the_email_or_the_company_is_refused_and_length_is_10_to_128()
    {
        async Task<bool> Refused(string company, string email, string password) =>
            (await fixture.App.CreateClient().PostAsJsonAsync("/api/v1/signup", new { companyName = company, name = "N", email, password, locale = "en" }))
            .StatusCode == HttpStatusCode.BadRequest;

        Assert.True(await Refused("Acme", "same-as-password@example.test", "Same-As-Password@example.test"));
        Assert.True(await Refused("Acme Holding Ltd", $"{Guid.NewGuid():N}@example.test", "acme holding ltd"));
        Assert.True(await Refused("Acme", $"{Guid.NewGuid():N}@example.test", "123456789"));
        Assert.True(await Refused("Acme", $"{Guid.NewGuid():N}@example.test", new string('x', 129)));
        Assert.True(await Refused("Acme", $"{Guid.NewGuid():N}@example.test", "1234567890")); // ten characters, but a common password
        Assert.False(await Refused("Acme", $"{Guid.NewGuid():N}@example.test", "kq7 mw2 zt9"));
    }

    [Fact]
    public async Task Only_hashes_of_the_key_and_the_password_are_stored()
    {
        var signedUp = await TenantApi.SignUpAsync(fixture.App);

        var storedKeyHash = await fixture.Database.ScalarAsAdminAsync<byte[]>(
            $"select secret_hash from tenants.api_keys where tenant_id = '{signedUp.TenantId}'");
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(signedUp.ApiKey)), storedKeyHash);
        var secret = signedUp.ApiKey[^43..];
        Assert.DoesNotContain(secret, await fixture.Database.ScalarAsAdminAsync<string>("select string_agg(k::text, ' ') from tenants.api_keys k"));
        Assert.DoesNotContain(secret, await fixture.Database.ScalarAsAdminAsync<string>("select string_agg(o::text, ' ') from platform.outbox_messages o"));
        var passwordHash = await fixture.Database.ScalarAsAdminAsync<string>(
            $"select password_hash from tenants.users where tenant_id = '{signedUp.TenantId}'");
        Assert.DoesNotContain(TenantApi.Password, passwordHash);
        Assert.StartsWith("AQAAAA", passwordHash); // Identity's versioned PBKDF2 format
    }

    public sealed class Fixture : SmtpAppFixture;
}
