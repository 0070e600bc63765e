using MediatR;

namespace NpsCloud.Contracts.Tenants;

/// <summary>The current tenant's plan and settings, as every module needs them (answered by the Tenants module).</summary>
public sealed record GetTenantProfile(Guid TenantId) : IRequest<TenantProfile>;

/// <param name="Plan"><c>trial</c>, <c>expired</c> (trial over: reads only) or <c>active</c>.</param>
/// <param name="ResurveyAfterResolutionDays">Days after a follow-up case is resolved to survey the person again; 0 never does.</param>
/// <param name="ApiRequestsPerMinute">The company's own limit on API calls per key and minute; null follows the operator's default.</param>
/// <param name="SenderName">The display name of the company's invitations (its name unless changed); null means the company's name.</param>
/// <param name="ReplyTo">Where replies to the company's invitations go; null sends none.</param>
/// <param name="SenderAddress">The company's own From address at a proved domain; null sends from the platform address "via NpsCloud".</param>
/// <param name="PromiseDetractorReply">The thank-you page tells a detractor the team will get back to them within the follow-up SLA.</param>
/// <param name="FollowUpPromoters">A promoter's answer opens a case of kind <c>promoter</c> (thank them, ask for a case study); never escalated.</param>
public sealed record TenantProfile(
    Guid Id,
    string Name,
    string Plan,
    DateTimeOffset TrialEndsAt,
    string Locale,
    string TimeZone,
    int ThrottleDays,
    int FollowUpSlaHours,
    bool FollowUpPassives,
    int ResurveyAfterResolutionDays = 0,
    int? ApiRequestsPerMinute = null,
    string? SenderName = null,
    string? ReplyTo = null,
    string? SenderAddress = null,
    bool PromiseDetractorReply = false,
    bool FollowUpPromoters = false)
{
    public bool CanWrite => Plan != Plans.Expired;

    /// <summary>
    /// The display name of the company's mail to its customers (invitations, replies from a case; ADR
    /// 0029): its sender name, else its name, followed by "via NpsCloud" when the mail goes from the platform address.
    /// </summary>
    public string MailFromName
    {
        get
        {
            var name = string.IsNullOrWhiteSpace(SenderName) ? Name : SenderName;
            return SenderAddress is null ? $"{name} via NpsCloud" : name;
        }
    }
}

public static class Plans
{
    public const string Trial = "trial";
    public const string Expired = "expired";
    public const string Active = "active";
}

/// <summary>A company signed up: its owner gets a welcome email; other modules may prepare defaults.</summary>
public sealed record TenantSignedUp(
    Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, string CompanyName, Guid OwnerUserId, string OwnerEmail, string OwnerName, string Locale)
    : IIntegrationEvent;

/// <summary>The demo company of <c>./nps run --demo</c>, once the Tenants module has seeded it (null before).</summary>
public sealed record FindDemoTenant : IRequest<Guid?>;

/// <summary>The company moved to another time zone: schedules kept in wall-clock time follow it.</summary>
public sealed record TenantTimeZoneChanged(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, string TimeZone) : IIntegrationEvent;

/// <summary>Every tenant's id, for operator commands that serve all tenants (a cross-tenant path of the Tenants module).</summary>
public sealed record ListTenantIds : IRequest<IReadOnlyList<Guid>>;
