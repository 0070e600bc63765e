using Microsoft.AspNetCore.DataProtection;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.Webhooks;

/// <summary>
/// Encrypts signing secrets at rest with ASP.NET Core data protection, whose key ring every host shares
/// (in <c>platform.data_protection_keys</c>, itself encrypted with the operator's key file, which the
/// database does not hold): a database dump alone yields neither the secrets nor the keys.
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("NpsCloud.Webhooks.SigningSecret");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The secrets that sign a delivery now: the current one, and the previous one for 24 hours after a rotation.</summary>
    public IReadOnlyList<string> Signing(WebhookEndpoint endpoint, DateTimeOffset now) =>
        endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt > now
            ? [_protector.Unprotect(endpoint.Secret), _protector.Unprotect(previous)]
            : [_protector.Unprotect(endpoint.Secret)];
}
