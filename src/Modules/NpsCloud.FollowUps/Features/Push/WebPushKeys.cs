using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using NpsCloud.BuildingBlocks.Database;

namespace NpsCloud.FollowUps.Features.Push;

/// <summary>
/// The install's VAPID key pair (P-256), which every push is signed with and which browsers bind a
/// subscription to: created by the first host that needs it and shared by all of them through
/// <c>platform.secrets</c> (name <c>web-push-vapid</c>), the private key protected with ASP.NET Core data
/// protection as the webhook secrets are. Changing it orphans every subscription (docs/operations.md).
/// </summary>
internal sealed class WebPushKeys(AppDataSource dataSource, IDataProtectionProvider protection)
{
    public sealed record KeyPair(string PublicKey, string PrivateKey);

    private const string SecretName = "web-push-vapid";
    private readonly IDataProtector _protector = protection.CreateProtector("NpsCloud.FollowUps.WebPush.Vapid.v1");
    private readonly SemaphoreSlim _load = new(1, 1);
    private KeyPair? _keys;

    /// <summary>The public key as browsers take it (<c>applicationServerKey</c>): the uncompressed point, base64url.</summary>
    public async Task<string> PublicKeyAsync(CancellationToken cancellationToken) => (await KeysAsync(cancellationToken)).PublicKey;

    public async Task<KeyPair> KeysAsync(CancellationToken cancellationToken)
    {
        if (_keys is not null) return _keys;
        await _load.WaitAsync(cancellationToken);
        try
        {
            if (_keys is not null) return _keys;
            var stored = await PlatformSecrets.GetOrCreateAsync(dataSource, SecretName, () => _protector.Protect(Encoding.UTF8.GetBytes(NewPair())), cancellationToken);
            var parts = Encoding.UTF8.GetString(_protector.Unprotect(stored)).Split('.');
            return _keys = new KeyPair(parts[0], parts[1]);
        }
        finally
        {
            _load.Release();
        }
    }

    private static string NewPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        var point = new byte[65];
        point[0] = 0x04;
        parameters.Q.X!.CopyTo(point, 1);
        parameters.Q.Y!.CopyTo(point, 33);
        return WebEncoders.Base64UrlEncode(point) + "." + WebEncoders.Base64UrlEncode(parameters.D!);
    }
}
