using Microsoft.AspNetCore.Http;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Headers on every response: a strict Content-Security-Policy (own scripts and styles only, no framing),
/// the service worker and the web app manifest from our own origin (/sw.js, /manifest.webmanifest),
/// nosniff, a Referrer-Policy that keeps survey tokens in links out of other sites' logs, and
/// <c>Cache-Control: no-store</c> on every API answer (they carry API keys, webhook secrets and tenant data).
/// HSTS comes from ASP.NET Core's HSTS middleware, outside Development, on HTTPS requests (Program.cs).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string Strict =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    // The API reference (Swagger UI) writes inline styles and starts itself with an inline script.
    private const string ApiReference =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // An endpoint that set its own policy (the email preview, framed by our own page) keeps it.
            if (headers.ContentSecurityPolicy.Count == 0)
            {
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/docs") ? ApiReference : Strict;
                headers.XFrameOptions = "DENY";
            }

            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (ApiRequests.IsApi(context.Request.Path)) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
