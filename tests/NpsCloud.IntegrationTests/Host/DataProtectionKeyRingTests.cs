using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Host;

/// <summary>
/// The data protection key ring (sessions, antiforgery, webhook secrets, stored idempotent answers) is
/// encrypted with the operator's key file: a dump of the database is not enough to use it.
/// </summary>
public sealed class DataProtectionKeyRingTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _keyFile = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _keyFile = TestKeyFile.Create();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        TestKeyFile.Delete(_keyFile);
    }

    private NpsAppFactory Host(string keyFile) => new NpsAppFactory(_database).WithSetting(DataProtectionKeyFile.ConfigurationKey, keyFile);

    private static string Protect(NpsAppFactory host, string text) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect(text);

    private static string Unprotect(NpsAppFactory host, string protectedText) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText);

    private async Task<List<XElement>> KeyRingAsTheApplicationRoleAsync()
    {
        await using var connection = new NpgsqlConnection(_database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select xml from platform.data_protection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<XElement>();
        while (await reader.ReadAsync()) keys.Add(XElement.Parse(reader.GetString(0)));
        return keys;
    }

    [Fact]
    public async Task The_key_ring_the_application_role_reads_holds_only_encrypted_keys()
    {
        await using (var host = Host(_keyFile))
        {
            Protect(host, "a session");
        }

        var keys = await KeyRingAsTheApplicationRoleAsync();

        Assert.NotEmpty(keys);
        var keyFileText = await File.ReadAllTextAsync(_keyFile);
        foreach (var key in keys)
        {
            // Unencrypted, data protection writes <masterKey><value>base64 key</value></masterKey>.
            Assert.DoesNotContain(key.Descendants(), element => element.Name.LocalName == "masterKey");
            var secret = Assert.Single(key.Descendants(), element => element.Name.LocalName == "encryptedSecret");
            Assert.Contains(nameof(KeyFileXmlDecryptor), (string?)secret.Attribute("decryptorType"));
            var encrypted = Assert.Single(secret.Elements(), element => element.Name.LocalName == "keyFileEncrypted");
            Assert.Equal("AES-256-GCM", (string?)encrypted.Attribute("algorithm"));
            foreach (var line in keyFileText.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')))
            {
                Assert.DoesNotContain(line.Trim(), key.ToString());
            }
        }
    }

    [Fact]
    public async Task Keys_still_work_after_a_restart_with_the_same_key_file_and_not_with_another()
    {
        string protectedText;
        await using (var first = Host(_keyFile))
        {
            protectedText = Protect(first, "a webhook secret");
        }

        await using (var restarted = Host(_keyFile))
        {
            Assert.Equal("a webhook secret", Unprotect(restarted, protectedText));
        }

        var otherKeyFile = TestKeyFile.Create();
        try
        {
            await using var withAnotherKeyFile = Host(otherKeyFile);
            Assert.ThrowsAny<CryptographicException>(() => Unprotect(withAnotherKeyFile, protectedText));
        }
        finally
        {
            TestKeyFile.Delete(otherKeyFile);
        }
    }

    [Fact]
    public async Task A_rotated_key_file_with_the_old_key_kept_below_the_new_one_still_reads_old_keys()
    {
        string protectedText;
        await using (var first = Host(_keyFile))
        {
            protectedText = Protect(first, "an idempotent answer");
        }

        var oldKeys = (await File.ReadAllLinesAsync(_keyFile)).Where(line => line.Length > 0 && !line.StartsWith('#'));
        var rotated = TestKeyFile.Create(DataProtectionKeyFile.NewFileText() + string.Join('\n', oldKeys) + "\n");
        try
        {
            await using var afterRotation = Host(rotated);
            Assert.Equal("an idempotent answer", Unprotect(afterRotation, protectedText));
        }
        finally
        {
            TestKeyFile.Delete(rotated);
        }
    }
}
