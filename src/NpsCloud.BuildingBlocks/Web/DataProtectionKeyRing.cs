using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Database;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Where the data protection key ring lives (the database, <see cref="DatabaseXmlRepository"/>) and what
/// encrypts it there (the operator's key file, <see cref="KeyFileXmlEncryptor"/>). Outside Development a
/// key file is required: without one a database dump would be enough to forge sessions and read webhook
/// secrets, so the host refuses to start instead.
/// </summary>
internal sealed class DataProtectionKeyRing
{
    private readonly Lazy<DataProtectionKeyFile?> _keyFile;

    public DataProtectionKeyRing(IConfiguration configuration, IHostEnvironment environment)
    {
        _keyFile = new Lazy<DataProtectionKeyFile?>(() =>
        {
            var path = configuration[DataProtectionKeyFile.ConfigurationKey];
            if (!string.IsNullOrWhiteSpace(path)) return DataProtectionKeyFile.Load(path);
            if (environment.IsDevelopment()) return null;
            throw new DataProtectionKeyFileException(
                $"No data protection key file is configured. Outside Development the key ring is encrypted with one the database does not hold: set {DataProtectionKeyFile.EnvironmentVariable} " +
                $"({DataProtectionKeyFile.ConfigurationKey}) to a file of base64 256-bit keys, mode 600 (./nps run creates .data/data-protection.key; see docs/operations.md, \"Key file\").");
        });
    }

    /// <summary>The key file; null only in Development without one. Throws <see cref="DataProtectionKeyFileException"/> when it is required but missing or malformed.</summary>
    public DataProtectionKeyFile? KeyFile => _keyFile.Value;
}

internal sealed class ConfigureKeyRing(AppDataSource dataSource, DataProtectionKeyRing keyRing) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        options.XmlRepository = new DatabaseXmlRepository(dataSource);
        if (keyRing.KeyFile is { } keyFile) options.XmlEncryptor = new KeyFileXmlEncryptor(keyFile);
    }
}

/// <summary>Reads the key file before anything else starts, so a missing or malformed one stops the host at start-up, saying what to set.</summary>
internal sealed class KeyRingStartupCheck(DataProtectionKeyRing keyRing, ILogger<KeyRingStartupCheck> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (keyRing.KeyFile is { } keyFile)
            {
                logger.LogInformation("Data protection keys are encrypted with the key file {KeyFile} ({Keys} key(s), current {KeyId})", keyFile.Path, keyFile.Count, keyFile.CurrentId);
            }
            else
            {
                logger.LogWarning("No data protection key file (Development): new data protection keys are stored unencrypted in the database");
            }
        }
        catch (DataProtectionKeyFileException e)
        {
            logger.LogCritical("The host cannot start: {Reason}", e.Message);
            throw;
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
