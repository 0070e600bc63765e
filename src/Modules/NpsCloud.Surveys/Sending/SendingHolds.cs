using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Surveys.Sending;

/// <summary>
/// Why an invitation that may otherwise go must wait, and until when: the company has not proved its
/// sign-up address (only its owners' own addresses are surveyed until then), or a trial has used its
/// daily send quota (the rest wait for the next midnight in the company's time zone). A held invitation
/// stays <c>scheduled</c>, with the reason, and is never failed for it.
/// </summary>
internal sealed class SendingHolds(SurveysDbContext db, IMediator mediator, IOptions<SendingOptions> options)
{
    public const string AwaitingVerification = "waiting for the company's email verification";
    public const string DailyQuotaUsed = "waiting for tomorrow: the trial's daily send quota is used up";

    /// <summary>A fallback only: verifying wakes the held invitations at once (<see cref="ForOtherModules.ReleaseVerifiedInvitationsHandler"/>).</summary>
    public static readonly TimeSpan VerificationRecheck = TimeSpan.FromHours(1);

    public sealed record Hold(string Reason, DateTimeOffset Until);

    public async Task<Hold?> FindAsync(Guid tenantId, string email, TenantProfile profile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var verification = await mediator.Send(new GetEmailVerification(tenantId), cancellationToken);
        if (!verification.MaySendTo(email)) return new Hold(AwaitingVerification, now + VerificationRecheck);

        var quota = options.Value.TrialDailyQuota;
        if (profile.Plan != Plans.Trial || quota <= 0) return null;
        var (dayStart, nextDay) = LocalDay(now, profile.TimeZone);
        var sent = await SentSinceAsync(dayStart, cancellationToken);
        return sent >= quota ? new Hold(DailyQuotaUsed, nextDay) : null;
    }

    /// <summary>The emails (invitations and reminders) the current tenant has sent since a moment.</summary>
    public async Task<int> SentSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        await db.Invitations.CountAsync(i => i.SentAt >= since, cancellationToken)
        + await db.Invitations.CountAsync(i => i.ReminderSentAt >= since, cancellationToken);

    /// <summary>The company's calendar day around a moment: its midnight and the next, in UTC.</summary>
    public static (DateTimeOffset Start, DateTimeOffset Next) LocalDay(DateTimeOffset now, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        return (AtLocal(today, zone), AtLocal(today.AddDays(1), zone));
    }

    // In UTC: Npgsql writes only UTC offsets to timestamptz.
    private static DateTimeOffset AtLocal(DateTime localMidnight, TimeZoneInfo zone) =>
        new DateTimeOffset(localMidnight, zone.GetUtcOffset(localMidnight)).ToUniversalTime();
}
