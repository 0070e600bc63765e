using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.Features.Settings;

/// <param name="ApiRequestsPerMinute">The limit that applies: the company's own, else the operator's default.</param>
internal sealed record TenantSettings(
    string Locale, string TimeZone, int ThrottleDays, int FollowUpSlaHours, bool FollowUpPassives, int ResurveyAfterResolutionDays, int ApiRequestsPerMinute);

/// <param name="EmailVerified">Whether the owner has proved the sign-up address; until then surveys go only to the owner's own address and the others wait.</param>
internal sealed record TenantView(Guid Id, string Name, string Plan, DateTimeOffset TrialEndsAt, int TrialDaysLeft, TenantSettings Settings, bool EmailVerified)
{
    public static TenantView From(TenantProfile profile, DateTimeOffset now, ApiKeyRateLimiter limiter, bool emailVerified) => new(
        profile.Id, profile.Name, profile.Plan, profile.TrialEndsAt,
        profile.Plan == Plans.Trial ? (int)Math.Ceiling((profile.TrialEndsAt - now).TotalDays) : 0,
        new TenantSettings(profile.Locale, profile.TimeZone, profile.ThrottleDays, profile.FollowUpSlaHours, profile.FollowUpPassives, profile.ResurveyAfterResolutionDays,
            limiter.LimitFor(profile.ApiRequestsPerMinute)),
        emailVerified);
}
