using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Configuration;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>How long sessions last and how recent a proof of identity the sensitive actions need.</summary>
/// <param name="IdleTimeout">A session unused this long ends (the cookie's sliding expiry).</param>
/// <param name="AbsoluteTimeout">A session ends this long after its sign-in, however active.</param>
/// <param name="RecentSignInWindow">Creating keys or webhooks, changing roles or turning off 2FA needs a sign-in or re-authentication within this.</param>
public sealed record SessionSettings(TimeSpan IdleTimeout, TimeSpan AbsoluteTimeout, TimeSpan RecentSignInWindow)
{
    public static SessionSettings From(IConfiguration configuration) => new(
        configuration.GetValue("Session:IdleTimeout", TimeSpan.FromHours(2)),
        configuration.GetValue("Session:AbsoluteTimeout", TimeSpan.FromHours(12)),
        configuration.GetValue("Session:RecentSignInWindow", TimeSpan.FromMinutes(10)));
}

/// <summary>
/// The host sets up the session cookie; the module that owns the sessions says, on every request that
/// carries one, whether it still stands (and rejects the principal when not).
/// </summary>
public interface ISessionValidator
{
    Task ValidateAsync(CookieValidatePrincipalContext context);
}

/// <summary>An API key that matched: whose it is and what it may do.</summary>
/// <param name="DepartmentIds">Empty for a key of the whole company.</param>
/// <param name="RequestsPerMinute">The key's own limit, null for the company's default.</param>
public sealed record VerifiedApiKey(Guid TenantId, Guid KeyId, IReadOnlyList<string> Scopes, IReadOnlyList<Guid> DepartmentIds, int? RequestsPerMinute);

/// <summary>
/// The host reads <c>Authorization: Bearer …</c> and answers 401/403; the module that owns the keys
/// checks a presented key and records its use (after the host has set the key's tenant).
/// </summary>
public interface IApiKeyVerifier
{
    /// <summary>The key, or null when it is unknown, malformed, does not match or is revoked (all alike to the caller).</summary>
    Task<VerifiedApiKey?> VerifyAsync(string presented, CancellationToken cancellationToken);

    Task RecordUseAsync(VerifiedApiKey key, CancellationToken cancellationToken);
}
