using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NpsCloud.BuildingBlocks.Tenancy;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>One structured log event per request: method, path, status, duration, tenant and trace id.</summary>
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
            logger.Log(level, "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms (tenant {TenantId}, trace {TraceId})",
                context.Request.Method, context.Request.Path.Value, status, elapsed, tenant.TenantId, Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
        }
    }
}
