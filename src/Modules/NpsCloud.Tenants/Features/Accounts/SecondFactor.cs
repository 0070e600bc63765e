using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>
/// The second step of signing in, between a right password and a session: a short-lived cookie names the
/// person (and their tenant, which the code step needs before it can read anything) until they type a
/// code from their authenticator app or a recovery code. A browser whose owner ticked "remember this
/// device" gets a cookie that skips the step for that person until their security stamp changes.
/// </summary>
internal static class SecondFactor
{
    // The host sets up both cookies and their lifetimes (Authentication/AppAuthentication.cs).
    public static readonly string PendingScheme = IdentityConstants.TwoFactorUserIdScheme;
    public static readonly string DeviceScheme = IdentityConstants.TwoFactorRememberMeScheme;
    public const string Issuer = "NpsCloud";

    private const string PersistentClaim = "persistent";

    public sealed record Pending(Guid TenantId, Guid UserId, bool Persistent);

    public static Task StartAsync(HttpContext context, User user, bool persistent)
    {
        var identity = new ClaimsIdentity(PendingScheme);
        identity.AddClaim(new Claim(TenantClaims.TenantId, user.TenantId.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
        identity.AddClaim(new Claim(PersistentClaim, persistent ? "true" : "false"));
        return context.SignInAsync(PendingScheme, new ClaimsPrincipal(identity));
    }

    public static async Task<Pending?> ReadPendingAsync(HttpContext context)
    {
        var pending = await context.AuthenticateAsync(PendingScheme);
        var principal = pending.Principal;
        return pending.Succeeded
               && Guid.TryParse(principal?.FindFirstValue(TenantClaims.TenantId), out var tenantId)
               && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            ? new Pending(tenantId, userId, principal.FindFirstValue(PersistentClaim) == "true")
            : null;
    }

    public static Task EndPendingAsync(HttpContext context) => context.SignOutAsync(PendingScheme);

    public static async Task<bool> IsDeviceRememberedAsync(HttpContext context, User user)
    {
        var remembered = await context.AuthenticateAsync(DeviceScheme);
        return remembered.Succeeded
               && remembered.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id.ToString()
               && remembered.Principal.FindFirstValue(StampClaim) == user.SecurityStamp;
    }

    public static Task RememberDeviceAsync(HttpContext context, User user)
    {
        var identity = new ClaimsIdentity(DeviceScheme);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
        identity.AddClaim(new Claim(StampClaim, user.SecurityStamp));
        return context.SignInAsync(DeviceScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }

    /// <summary>Six digits are a TOTP code (RFC 6238, 30-second steps); anything else is tried as a recovery code, which is then spent.</summary>
    public static async Task<bool> VerifyAsync(UserManager<User> users, User user, string? code)
    {
        if (!user.TwoFactorEnabled || string.IsNullOrWhiteSpace(code)) return false;
        var compact = new string(code.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (compact.Length == 6 && compact.All(char.IsAsciiDigit))
        {
            return await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, compact);
        }

        return compact.Length <= 64 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, compact)).Succeeded;
    }

    /// <summary>What an authenticator app reads from the QR code (Google's Key Uri Format).</summary>
    public static string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    private const string StampClaim = "stamp";
}
