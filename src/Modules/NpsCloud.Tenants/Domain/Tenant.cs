using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Tenants.Domain;

/// <summary>A company using NpsCloud: a 14-day trial from sign-up, activated by an operator (billing is elsewhere).</summary>
internal sealed class Tenant : ITenantOwned
{
    public static readonly TimeSpan TrialLength = TimeSpan.FromDays(14);

    public Guid TenantId { get; init; }
    public required string Name { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset TrialEndsAt { get; init; }
    public required string Locale { get; set; }
    public required string TimeZone { get; set; }
    public int ThrottleDays { get; set; } = 30;
    public int FollowUpSlaHours { get; set; } = 48;
    public bool FollowUpPassives { get; set; }
    public int ResurveyAfterResolutionDays { get; set; }
    public bool PromiseDetractorReply { get; set; }
    public bool FollowUpPromoters { get; set; }

    /// <summary>The company's own limit on API calls per key and minute; null follows the operator's default.</summary>
    public int? ApiRequestsPerMinute { get; set; }
    /// <summary>Everyone must sign in with a second factor; people without one set it up before anything else.</summary>
    public bool RequireTwoFactor { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ActivatedAt { get; set; }

    /// <summary>When the owner proved the sign-up address; until then surveys go only to the owner's own address.</summary>
    public DateTimeOffset? EmailVerifiedAt { get; set; }

    /// <summary>When the last verification email went out (paces the resend button).</summary>
    public DateTimeOffset? VerificationSentAt { get; set; }

    /// <summary>The display name of the company's invitations; null follows <see cref="Name"/>.</summary>
    public string? SenderName { get; set; }

    /// <summary>Where customers' replies to an invitation go; the owner's sign-up address unless changed.</summary>
    public string? ReplyTo { get; set; }

    /// <summary>An address at the company's own domain to send from, once <see cref="SenderDomainVerifiedAt"/> says the domain is proved.</summary>
    public string? SenderAddress { get; set; }

    /// <summary>The value of the TXT record at <c>_npscloud.&lt;domain&gt;</c> that proves the domain of <see cref="SenderAddress"/>.</summary>
    public string? SenderDomainToken { get; set; }

    public DateTimeOffset? SenderDomainVerifiedAt { get; set; }

    /// <summary>The domain of <see cref="SenderAddress"/>, lower case; null without one.</summary>
    public string? SenderDomain => SenderIdentity.DomainOf(SenderAddress);

    /// <summary>
    /// A new own address: at another domain it needs a new proof (a new token, not verified yet); at the
    /// same domain the proof stands. Null goes back to the platform address.
    /// </summary>
    public void ChangeSenderAddress(string? address)
    {
        var domain = SenderIdentity.DomainOf(address);
        if (domain != SenderDomain || SenderDomainToken is null)
        {
            SenderDomainToken = domain is null ? null : SenderIdentity.NewToken();
            SenderDomainVerifiedAt = null;
        }

        SenderAddress = address;
    }

    /// <summary>Derived, never stored: a trial expires by the clock alone, with no job to flip it.</summary>
    public string PlanAt(DateTimeOffset now) =>
        Status == TenantStatus.Active ? Plans.Active : now >= TrialEndsAt ? Plans.Expired : Plans.Trial;

    public TenantProfile ProfileAt(DateTimeOffset now) =>
        new(TenantId, Name, PlanAt(now), TrialEndsAt, Locale, TimeZone, ThrottleDays, FollowUpSlaHours, FollowUpPassives, ResurveyAfterResolutionDays, ApiRequestsPerMinute,
            SenderName ?? Name, ReplyTo, SenderDomainVerifiedAt is not null ? SenderAddress : null, PromiseDetractorReply, FollowUpPromoters);
}

internal static class TenantStatus
{
    public const string Trial = "trial";
    public const string Active = "active";
}
