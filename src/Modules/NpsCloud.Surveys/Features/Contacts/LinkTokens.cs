using System.Security.Cryptography;
using System.Text;
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

    private const string TestPrefix = "t";

    /// <summary>
    /// A test send's token: <c>t</c>, then the tenant's id and 256 random bits, URL-safe. It names its tenant,
    /// so a test link is found under row-level security by its hash, with no cross-tenant path (ADR 0032);
    /// the random part is the proof.
    /// </summary>
    public static string NewTestToken(Guid tenantId)
    {
        var bytes = new byte[48];
        tenantId.TryWriteBytes(bytes);
        RandomNumberGenerator.Fill(bytes.AsSpan(16));
        return TestPrefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The tenant a test send's token names, or null for any other token (an invitation's is 43 characters).</summary>
    public static Guid? TenantOfTestToken(string token)
    {
        if (token.Length != 65 || !token.StartsWith(TestPrefix, StringComparison.Ordinal)) return null;
        var base64 = token[1..].Replace('-', '+').Replace('_', '/');
        var bytes = new byte[48];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 48 ? new Guid(bytes.AsSpan(0, 16)) : null;
    }

    private async Task<byte[]> SecretAsync(CancellationToken cancellationToken)
    {
        if (_secret is not null) return _secret;
        await _load.WaitAsync(cancellationToken);
        try
        {
            if (_secret is not null) return _secret;
            return _secret = await PlatformSecrets.GetOrCreateAsync(dataSource, SecretName, () => RandomNumberGenerator.GetBytes(32), cancellationToken);
        }
        finally
        {
            _load.Release();
        }
    }
}
