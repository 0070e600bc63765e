using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Domain;

namespace NpsCloud.Tenants.Features.Settings;

/// <param name="ApiRequestsPerMinute">The limit that applies: the company's own, else the operator's default.</param>
/// <param name="SenderName">The display name of invitations, shown as "{senderName} via NpsCloud" from the platform address.</param>
/// <param name="ReplyTo">Where customers' replies to invitations go (the owner's sign-up address unless changed).</param>
/// <param name="PromiseDetractorReply">The thank-you page tells a detractor the team will get back to them within the follow-up SLA.</param>
/// <param name="FollowUpPromoters">A promoter's answer opens a case of kind <c>promoter</c> (thank them, ask for a case study).</param>
internal sealed record TenantSettings(
    string Locale, string TimeZone, int ThrottleDays, int FollowUpSlaHours, bool FollowUpPassives, int ResurveyAfterResolutionDays, int ApiRequestsPerMinute,
    string? SenderName = null, string? ReplyTo = null, bool PromiseDetractorReply = false, bool FollowUpPromoters = false);

/// <summary>The company's own sender address and the TXT record that proves its domain (null without an own address).</summary>
/// <param name="Verified">Whether invitations go out from <paramref name="Address"/>; until then from the platform address.</param>
internal sealed record SenderDomainView(string Address, string Domain, string RecordName, string RecordValue, bool Verified, DateTimeOffset? VerifiedAt)
{
    public static SenderDomainView? From(Tenant tenant) =>
        tenant.SenderAddress is { } address && tenant.SenderDomain is { } domain && tenant.SenderDomainToken is { } token
            ? new(address, domain, SenderIdentity.RecordName(domain), SenderIdentity.RecordValue(token), tenant.SenderDomainVerifiedAt is not null, tenant.SenderDomainVerifiedAt)
            : null;
}

/// <param name="EmailVerified">Whether the owner has proved the sign-up address; until then surveys go only to the owner's own address and the others wait.</param>
/// <param name="SenderDomain">The company's own sender address and its domain's proof; null while invitations go from the platform address only.</param>
internal sealed record TenantView(Guid Id, string Name, string Plan, DateTimeOffset TrialEndsAt, int TrialDaysLeft, TenantSettings Settings, bool EmailVerified,
    SenderDomainView? SenderDomain = null)
{
    public static TenantView From(TenantProfile profile, DateTimeOffset now, ApiKeyRateLimiter limiter, bool emailVerified, SenderDomainView? senderDomain = null) => new(
        profile.Id, profile.Name, profile.Plan, profile.TrialEndsAt,
        profile.Plan == Plans.Trial ? (int)Math.Ceiling((profile.TrialEndsAt - now).TotalDays) : 0,
        new TenantSettings(profile.Locale, profile.TimeZone, profile.ThrottleDays, profile.FollowUpSlaHours, profile.FollowUpPassives, profile.ResurveyAfterResolutionDays,
            limiter.LimitFor(profile.ApiRequestsPerMinute), profile.SenderName ?? profile.Name, profile.ReplyTo,
            profile.PromiseDetractorReply, profile.FollowUpPromoters),
        emailVerified, senderDomain);
}
