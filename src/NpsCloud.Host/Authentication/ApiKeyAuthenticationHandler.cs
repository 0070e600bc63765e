using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Host.Authentication;

/// <summary>
/// <c>Authorization: Bearer nps_live_…</c>: the Tenants module checks the key (<see cref="IApiKeyVerifier"/>);
/// this sets the request's tenant and claims from it. Unknown, malformed and revoked keys all answer the
/// same 401.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyVerifier keys,
    TenantContext tenant,
    IProblemDetailsService problems)
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
        if (await keys.VerifyAsync(presented, Context.RequestAborted) is not { } key)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        tenant.Set(key.TenantId);
        // A key limited to departments sees them only, as their head does (the API authenticates here, not in the middleware).
        if (key.DepartmentIds.Count > 0) tenant.LimitToDepartments(key.DepartmentIds);
        await keys.RecordUseAsync(key, Context.RequestAborted);

        var identity = new ClaimsIdentity(
            [
                new Claim(TenantClaims.TenantId, key.TenantId.ToString()),
                new Claim(ApiKeyClaims.KeyId, key.KeyId.ToString()),
                .. key.Scopes.Select(scope => new Claim(ApiAuthorization.ScopeClaim, scope)),
                .. key.RequestsPerMinute is { } limit ? [new Claim(ApiKeyClaims.RequestsPerMinute, limit.ToString(CultureInfo.InvariantCulture))] : Array.Empty<Claim>(),
            ],
            ApiAuthorization.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiAuthorization.Scheme));
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
