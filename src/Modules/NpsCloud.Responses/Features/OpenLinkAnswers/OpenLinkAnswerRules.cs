using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;

namespace NpsCloud.Responses.Features.OpenLinkAnswers;

/// <summary>Whether an open link takes an answer from this device now.</summary>
internal enum OpenLinkState
{
    Open,

    /// <summary>Switched off, or its survey archived.</summary>
    Closed,

    /// <summary>The daily cap is reached (until midnight in the company's zone).</summary>
    Full,

    /// <summary>This device answered within the guard window (best effort: a cookie, or the hash of its address and user agent).</summary>
    AnsweredOnDevice,
}

/// <summary>The device an open link answer comes from, as the duplicate guard sees it (best effort).</summary>
/// <param name="HasAnsweredCookie">It carries the cookie of an earlier answer to this link.</param>
internal sealed record Device(bool HasAnsweredCookie, IPAddress? Address, string UserAgent)
{
    /// <summary>
    /// SHA-256 of the link's salt, the client address and the user agent. Neither is stored; a new address
    /// (a new salt) makes every stored hash meaningless.
    /// </summary>
    public byte[] HashWith(byte[] salt) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes($"{Address}\n{UserAgent}")]);
}

/// <summary>
/// What the open link page and its answer share (ADR 0030): the daily cap, the per-device duplicate guard and
/// the rate limit per link and client address.
/// </summary>
internal static class OpenLinkAnswerRules
{
    public const string RateLimitPolicy = "open-link-answers";
    public const int DefaultPerMinute = 20;

    /// <summary>How long a device that answered is held back (its cookie and its hash).</summary>
    public static readonly TimeSpan GuardWindow = TimeSpan.FromDays(1);

    /// <summary>The cookie a device that answered keeps, scoped to the link's path.</summary>
    public static string CookieName(string slug) => $"nps_s_{slug}";

    /// <summary>The start of today in the company's zone: the daily cap counts from there.</summary>
    public static DateTimeOffset StartOfDay(string timeZone, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date;
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>The link's state for this device (in the link's tenant, which the caller has set).</summary>
    public static async Task<OpenLinkState> StateAsync(
        ResponsesDbContext db, OpenLinkInfo link, Device device, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!link.Live) return OpenLinkState.Closed;
        if (!link.Kiosk)
        {
            if (device.HasAnsweredCookie) return OpenLinkState.AnsweredOnDevice;
            var since = now - GuardWindow;
            var deviceHash = device.HashWith(link.DeviceSalt);
            if (await db.OpenLinkDevices.AnyAsync(d => d.SurveyId == link.SurveyId && d.DeviceHash == deviceHash && d.AnsweredAt > since, cancellationToken))
            {
                return OpenLinkState.AnsweredOnDevice;
            }
        }

        var today = StartOfDay(link.TimeZone, now);
        var answers = await db.Responses.CountAsync(
            r => r.SurveyId == link.SurveyId && r.Channel == ResponseChannels.Link && r.RespondedAt >= today, cancellationToken);
        return answers >= link.DailyCap ? OpenLinkState.Full : OpenLinkState.Open;
    }

    /// <summary>Answers per link and client address and minute (configurable as <c>RateLimits:openLinkAnswersPerMinute</c>); reading the page is not counted.</summary>
    public static void AddRateLimit(RateLimiterOptions limiter, int perMinute) =>
        limiter.AddPolicy(RateLimitPolicy, context => !HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(
                $"{context.Request.RouteValues["slug"]}|{context.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
}
