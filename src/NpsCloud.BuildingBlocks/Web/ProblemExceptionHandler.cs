using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Turns exceptions into RFC 9457 problem+json for API callers: bad input is a 400 naming the field,
/// refusals carry their own status, and anything unexpected is a 500 that reveals nothing but a trace id.
/// Browser page requests fall through to the HTML error page.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed the request at the error page; the feature keeps the original path.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        if (!ApiRequests.IsApi(path)) return false;

        var problem = ToProblem(exception);
        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Route}", httpContext.Request.Method, RequestLoggingMiddleware.RouteOf(httpContext));
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is RateLimitedException { RetryAfterSeconds: { } seconds }) httpContext.Response.Headers.RetryAfter = seconds.ToString();
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    internal static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        RequestValidationException invalid => new HttpValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
            Detail = "See errors for each field.",
        },
        DomainException refusal => new ProblemDetails
        {
            Type = ProblemTypes.Of(refusal.Code),
            Status = refusal.StatusCode,
            Title = refusal.Title,
            Detail = refusal.Message,
            Extensions = { ["code"] = refusal.Code },
        },
        BadHttpRequestException { InnerException: JsonException json } => BadJson(json),
        JsonException json => BadJson(json),
        BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request is not valid.", Detail = bad.Message },
        OperationCanceledException => new ProblemDetails { Status = 499, Title = "The client closed the request." },
        _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
    };

    /// <summary>Malformed JSON names the JSON path it failed at, e.g. "$.score" becomes the field "score".</summary>
    private static HttpValidationProblemDetails BadJson(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        return new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [json.Path is null or "$" ? "The body is not valid JSON." : "This value has the wrong type or format."],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body could not be read.",
        };
    }
}

/// <summary>Our own problem types are URNs with a stable code (documented in docs/api.md).</summary>
public static class ProblemTypes
{
    public static string Of(string code) => "urn:npscloud:problem:" + code;
}

public static class ApiRequests
{
    /// <summary>API and machine endpoints answer problem+json; pages answer HTML.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/openapi");
}
