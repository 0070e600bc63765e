using NpsCloud.Tenants.Features.Accounts;
using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Accounts;

/// <summary>
/// <c>Authorization: Bearer nps_live_…</c>: finds the key by the id written in it, compares the hash of
/// the whole key in constant time, and refuses a revoked key at once (no cache). Unknown, malformed and
/// revoked keys all answer the same 401.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CrossTenantLookup lookup,
    TenantConnectionFactory connections,
    TenantContext tenant,
    IProblemDetailsService problems,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = header["Bearer ".Length..].Trim();
        if (ApiKey.IdOf(presented) is not { } keyId
            || await lookup.ApiKeyAsync(keyId, Context.RequestAborted) is not { } key
            || !ApiKey.Matches(presented, key.SecretHash)
            || key.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        tenant.Set(key.TenantId);
        // A key limited to departments sees them only, as their head does (the API authenticates here, not in the middleware).
        if (key.DepartmentIds.Length > 0) tenant.LimitToDepartments(key.DepartmentIds);
        await RecordUseAsync(key.TenantId, keyId);

        var identity = new ClaimsIdentity(
            [
                new Claim(TenantClaims.TenantId, key.TenantId.ToString()),
                new Claim(ApiKeyClaims.KeyId, keyId.ToString()),
                .. key.Scopes.Select(scope => new Claim(ApiAuthorization.ScopeClaim, scope)),
                .. key.RequestsPerMinute is { } limit ? [new Claim(ApiKeyClaims.RequestsPerMinute, limit.ToString(CultureInfo.InvariantCulture))] : Array.Empty<Claim>(),
            ],
            ApiAuthorization.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiAuthorization.Scheme));
    }

    /// <summary>Last use, to the minute: one write per key per minute, not one per request.</summary>
    private async Task RecordUseAsync(Guid tenantId, Guid keyId)
    {
        await using var connection = await connections.OpenAsync(Context.RequestAborted);
        await using var command = new NpgsqlCommand("""
            update tenants.api_keys set last_used_at = $3
             where tenant_id = $1 and id = $2 and (last_used_at is null or last_used_at < $3 - interval '1 minute')
            """, connection);
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(keyId);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(Context.RequestAborted);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"NpsCloud API\"";
        return WriteProblemAsync("unauthorized", "Authentication required",
            "Send an API key as 'Authorization: Bearer nps_live_…'. Keys are created by an admin in the app or with POST /api/v1/api-keys.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync("insufficient_scope", "The API key's scopes do not allow this",
            "Reading needs the read, write or admin scope; changes need write or admin; keys, users and settings need admin.");
    }

    private Task WriteProblemAsync(string code, string title, string detail) =>
        problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Type = ProblemTypes.Of(code),
                Status = Response.StatusCode,
                Title = title,
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        }).AsTask();
}
