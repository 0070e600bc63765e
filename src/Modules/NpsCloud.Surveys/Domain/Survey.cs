using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Surveys.Domain;

/// <summary>
/// An NPS survey. Relationship surveys go to their members in waves on a schedule; transactional ones
/// go to one person right after an interaction, on the integrator's request.
/// </summary>
internal sealed class Survey : ITenantOwned, IDepartmentOwned
{
    Guid? IDepartmentOwned.OwningDepartmentId => DepartmentId;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public required string Kind { get; init; }
    public required string Status { get; set; }
    public Guid? DepartmentId { get; set; }
    public string? Touchpoint { get; set; }
    public required string Locale { get; set; }
    public string? Question { get; set; }
    public string? FollowUpPromoter { get; set; }
    public string? FollowUpPassive { get; set; }
    public string? FollowUpDetractor { get; set; }
    public string BrandColor { get; set; } = DefaultBrandColor;
    public string? LogoUrl { get; set; }
    public int ReminderAfterDays { get; set; }
    public int LinkValidDays { get; set; } = 30;
    public int? ScheduleEveryDays { get; set; }
    public string? ScheduleCadence { get; set; }

    /// <summary>Wall-clock time in the tenant's time zone.</summary>
    public DateTime? FirstWaveAt { get; set; }

    /// <summary>Who the waves ask besides the explicit members: <see cref="Audiences"/>.</summary>
    public string Audience { get; set; } = Audiences.Members;

    /// <summary>The segment re-read at every wave when <see cref="Audience"/> is <c>segment</c>.</summary>
    public Guid? SegmentId { get; set; }

    /// <summary>What the thank-you page offers promoters next: <see cref="PromoterStepKinds"/>, or null for nothing.</summary>
    public string? PromoterStepKind { get; set; }

    /// <summary>The https address the promoters' button leads to (through the counting redirect <c>/r/{token}/next</c>).</summary>
    public string? PromoterStepUrl { get; set; }

    /// <summary>The button's label in the survey's language; null shows the default label of the kind.</summary>
    public string? PromoterStepLabel { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public const string DefaultBrandColor = "#4f46e5";

    public bool IsRelationship => Kind == SurveyKinds.Relationship;

    public bool HasSchedule => FirstWaveAt is not null && (ScheduleEveryDays is not null || ScheduleCadence is not null);
}

internal static class SurveyKinds
{
    public const string Relationship = "relationship";
    public const string Transactional = "transactional";
    public static readonly string[] All = [Relationship, Transactional];
}

internal static class PromoterStepKinds
{
    /// <summary>A review site: Google, Trustpilot, Şikayetvar or any other.</summary>
    public const string Review = "review";

    /// <summary>The company's referral (invite a friend) page.</summary>
    public const string Referral = "referral";

    public static readonly string[] All = [Review, Referral];

    public const int MaxUrlLength = 2000;
    public const int MaxLabelLength = 60;
}

internal static class SurveyStatuses
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Archived = "archived";
}

internal static class Cadences
{
    public const string Quarterly = "quarterly";
    public const string HalfYearly = "halfYearly";
    public const string Yearly = "yearly";
    public static readonly string[] All = [Quarterly, HalfYearly, Yearly];

    public static int Months(string cadence) => cadence switch
    {
        Quarterly => 3,
        HalfYearly => 6,
        Yearly => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Unknown cadence."),
    };
}
