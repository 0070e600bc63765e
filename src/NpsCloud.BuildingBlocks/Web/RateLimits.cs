using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Per client address limits on the doors attackers knock on: sign-up, login and password reset.
/// Counted per host (in memory): with N hosts an address gets up to N times the limit.
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

    public static IServiceCollection AddNpsRateLimits(this IServiceCollection services, IConfiguration configuration) =>
        services.AddRateLimiter(limiter =>
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

            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                }

                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Type = ProblemTypes.Of("rate_limited"),
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "Too many attempts from this address. Wait a minute and try again.",
                        Extensions = { ["code"] = "rate_limited" },
                    },
                });
            };
        });
}
