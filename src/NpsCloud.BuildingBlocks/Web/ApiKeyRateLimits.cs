using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Counts API calls per key in fixed one-minute windows, each starting with the key's first call after
/// the previous one ended. In memory, per host (like the per-address limits): a few bytes per key, and
/// windows that have ended are dropped once a minute.
/// </summary>
public sealed class ApiKeyRateLimiter(TimeProvider clock, int defaultPerMinute, int? ceilingPerMinute = null)
{
    /// <summary>The highest limit the database takes for a company's own setting.</summary>
    public const int MaxPerMinute = 10_000;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, Counter> _counters = new();
    private long _prunedAt;

    /// <summary>The limit of a company that has not set its own (<c>RateLimits:apiKeyPerMinute</c>).</summary>
    public int DefaultPerMinute { get; } = defaultPerMinute;

    /// <summary>
    /// The operator's ceiling on a company's own limit (<c>RateLimits:apiKeyPerMinuteCeiling</c>, 1200):
    /// a company cannot set more, and a limit set before the ceiling was lowered counts as the ceiling.
    /// </summary>
    public int CeilingPerMinute { get; } = Math.Clamp(ceilingPerMinute ?? Math.Max(RateLimits.DefaultApiKeyPerMinuteCeiling, defaultPerMinute), 60, MaxPerMinute);

    /// <summary>The limit of a company: its own within the ceiling, else the default.</summary>
    public int LimitFor(int? own) => own is { } limit ? Math.Min(limit, CeilingPerMinute) : DefaultPerMinute;

    /// <param name="Allowed">Whether this call is within the limit.</param>
    /// <param name="Remaining">Calls left in the window after this one.</param>
    /// <param name="ResetSeconds">Whole seconds until the window ends (1 to 60).</param>
    public readonly record struct Decision(bool Allowed, int Limit, int Remaining, int ResetSeconds);

    public Decision Count(Guid keyId, int limit)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        PruneEndedWindows(now);
        // Two first calls of a new window may both replace the old counter; one of them is then not
        // counted. An undercount of one at a window's start is the price of taking no lock.
        var counter = _counters.AddOrUpdate(keyId, _ => new Counter(now), (_, current) => current.EndsAt <= now ? new Counter(now) : current);
        var count = Interlocked.Increment(ref counter.Calls);
        var resetSeconds = (int)Math.Ceiling((counter.EndsAt - now) / 1000.0);
        return new Decision(count <= limit, limit, Math.Max(0, limit - count), Math.Max(1, resetSeconds));
    }

    private void PruneEndedWindows(long now)
    {
        var last = Interlocked.Read(ref _prunedAt);
        if (now - last < (long)Window.TotalMilliseconds || Interlocked.CompareExchange(ref _prunedAt, now, last) != last) return;
        foreach (var (keyId, counter) in _counters)
        {
            if (counter.EndsAt <= now) _counters.TryRemove(new KeyValuePair<Guid, Counter>(keyId, counter));
        }
    }

    private sealed class Counter(long startedAt)
    {
        public readonly long EndsAt = startedAt + (long)Window.TotalMilliseconds;
        public int Calls;
    }
}

/// <summary>
/// Every API call made with a valid key counts against that key, whatever its answer (a 403 or 404 too),
/// and every answer to it carries the IETF RateLimit fields; over the limit the call is refused with 429.
/// Runs before authorization, so it authenticates the key itself: the handler caches its result for the
/// request, so the key is still looked up once.
/// </summary>
public sealed class ApiKeyRateLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ApiKeyRateLimiter limiter)
    {
        if (!context.Request.Path.StartsWithSegments("/api")
            || !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || (await context.AuthenticateAsync(ApiAuthorization.Scheme)).Principal is not { } key
            || !Guid.TryParse(key.FindFirstValue(ApiKeyClaims.KeyId), out var keyId))
        {
            await next(context);
            return;
        }

        var limit = limiter.LimitFor(int.TryParse(key.FindFirstValue(ApiKeyClaims.RequestsPerMinute), out var own) ? own : null);
        var decision = limiter.Count(keyId, limit);
        // Set as the answer starts: an error answer written by the exception handler clears the headers set before it.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Policy"] = $"{decision.Limit};w={(int)ApiKeyRateLimiter.Window.TotalSeconds}";
            return Task.CompletedTask;
        });

        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        await RateLimits.RejectAsync(context, decision.ResetSeconds,
            $"This API key made more than {decision.Limit} calls in a minute. Wait {decision.ResetSeconds} seconds and try again.");
    }
}
