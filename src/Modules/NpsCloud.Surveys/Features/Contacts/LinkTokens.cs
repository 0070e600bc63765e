using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpsCloud.BuildingBlocks.Database;

namespace NpsCloud.Surveys.Features.Contacts;

/// <summary>
/// The token in an invitation's links: HMAC-SHA256 of the invitation id under a 256-bit secret that all
/// hosts share (<c>platform.secrets</c>, created on first use). Derived rather than stored, so a retried
/// send repeats the very same links, while the database keeps only the token's SHA-256.
/// </summary>
internal sealed class LinkTokens(AppDataSource dataSource)
{
    private const string SecretName = "survey-links";
    private readonly SemaphoreSlim _load = new(1, 1);
    private byte[]? _secret;

    public async Task<string> ForAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var secret = await SecretAsync(cancellationToken);
        var mac = HMACSHA256.HashData(secret, invitationId.ToByteArray());
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private async Task<byte[]> SecretAsync(CancellationToken cancellationToken)
    {
        if (_secret is not null) return _secret;
        await _load.WaitAsync(cancellationToken);
        try
        {
            if (_secret is not null) return _secret;
            // The first host to ask creates it; every other host reads the same value. (Two hosts racing
            // on the very first start: the loser's statement cannot see the winner's row yet, so it asks again.)
            while (true)
            {
                await using var command = dataSource.DataSource.CreateCommand("""
                    with created as (
                        insert into platform.secrets (name, value) values ($1, $2) on conflict (name) do nothing returning value)
                    select value from created
                    union all
                    select value from platform.secrets where name = $1
                    limit 1
                    """);
                command.Parameters.Add(new NpgsqlParameter { Value = SecretName });
                command.Parameters.Add(new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(32) });
                if (await command.ExecuteScalarAsync(cancellationToken) is byte[] secret) return _secret = secret;
            }
        }
        finally
        {
            _load.Release();
        }
    }
}
