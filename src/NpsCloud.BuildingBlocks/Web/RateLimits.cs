using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using NpsCloud.BuildingBlocks.Messaging;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Per client address limits on the doors attackers knock on: sign-up, login and password reset; and a
/// limit per API key on every API call (<see cref="ApiKeyRateLimitMiddleware"/>).
/// Counted per host (in memory): with N hosts an address or key gets up to N times the limit.
/// </summary>
public static class RateLimits
{
    public const string SignUp = "signup";
    public const string Login = "login";
    public const string PasswordReset = "password-reset";

    /// <summary>Per minute, per client address; configurable under <c>RateLimits:*PerMinute</c>.</summary>
    private static readonly Dictionary<string, int> Defaults = new()
    {
        [SignUp] = 10,
        [Login] = 20,
        [PasswordReset] = 5,
    };

    /// <summary>Calls per API key and minute for companies that did not choose their own limit.</summary>
    public const int DefaultApiKeyPerMinute = 600;

    /// <summary>The most a company may set as its own limit, unless the operator configures otherwise.</summary>
    public const int DefaultApiKeyPerMinuteCeiling = 1200;

    public static IServiceCollection AddNpsRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var apiKeyPerMinute = configuration.GetValue("RateLimits:apiKeyPerMinute", DefaultApiKeyPerMinute);
        var ceiling = configuration.GetValue<int?>("RateLimits:apiKeyPerMinuteCeiling");
        services.AddSingleton(provider => new ApiKeyRateLimiter(provider.GetRequiredService<TimeProvider>(), apiKeyPerMinute, ceiling));
        return services.AddRateLimiter(limiter =>
        {
            foreach (var (policy, perMinute) in Defaults)
            {
                var limit = configuration.GetValue($"RateLimits:{policy}PerMinute", perMinute);
                // Attempts are counted; showing the form is not.
                limiter.AddPolicy(policy, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("views")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            }

            limiter.OnRejected = (context, _) => RejectAsync(
                context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : null,
                "Too many attempts from this address. Wait a minute and try again.");
        });
    }

    /// <summary>The one 429 answer of every limit: a <c>rate_limited</c> problem, with <c>Retry-After</c> in seconds when known.</summary>
    internal static async ValueTask RejectAsync(HttpContext context, int? retryAfterSeconds, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (retryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString();
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ProblemExceptionHandler.ToProblem(new RateLimitedException(detail)),
        });
    }
}

/// <summary>Too many calls from one client address, or with one API key, or too many at once; <c>Retry-After</c> when known.</summary>
public sealed class RateLimitedException(string detail, int? retryAfterSeconds = null) : DomainException(429, "rate_limited", "Too many requests", detail)
{
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;
}
