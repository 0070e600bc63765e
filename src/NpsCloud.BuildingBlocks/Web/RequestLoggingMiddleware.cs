using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// One structured log event per request: method, route template, status, duration, tenant and trace id.
/// The template (<c>/r/{token}</c>), never the path: paths carry survey, unsubscribe and invitation tokens.
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, ITenantContext tenant)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var status = context.Response.StatusCode;
            var level = status >= 500 ? LogLevel.Error : context.Request.Path.StartsWithSegments("/health") ? LogLevel.Debug : LogLevel.Information;
            logger.Log(level, "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms (tenant {TenantId}, trace {TraceId})",
                context.Request.Method, RouteOf(context), status, elapsed, tenant.TenantId, Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
        }
    }

    /// <summary>The route template of the endpoint that answered, or "(no route)" (static files, unknown paths).</summary>
    public static string RouteOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template }
            ? "/" + template.TrimStart('/')
            : "(no route)";
}
