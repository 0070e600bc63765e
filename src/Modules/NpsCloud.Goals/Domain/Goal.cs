using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Goals.Domain;

/// <summary>
/// A department's NPS target for a period of local days (both included): specific (department, and
/// optionally one survey or touchpoint), measurable (a target NPS and the answers needed to judge it)
/// and time-bound.
/// </summary>
internal sealed class Goal : ITenantOwned, IDepartmentOwned
{
    Guid? IDepartmentOwned.OwningDepartmentId => DepartmentId;

    public const int DefaultMinResponses = 30;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid DepartmentId { get; set; }
    public Guid? SurveyId { get; set; }
    public string? Touchpoint { get; set; }
    public decimal TargetNps { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public int MinResponses { get; set; } = DefaultMinResponses;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Whether another goal judges the same answers over days this one also covers.</summary>
    public bool Overlaps(Goal other) =>
        other.Id != Id && other.ArchivedAt is null && other.DepartmentId == DepartmentId && other.SurveyId == SurveyId
        && other.Touchpoint == Touchpoint && other.PeriodStart <= PeriodEnd && PeriodStart <= other.PeriodEnd;
}

/// <summary>A goal's state at one review: what the department head was told then.</summary>
internal sealed class GoalReview : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid GoalId { get; init; }
    public DateTimeOffset Slot { get; init; }
    public required string Kind { get; init; }
    public DateTimeOffset ReviewedAt { get; init; }
    public required string Status { get; init; }
    public decimal? Nps { get; init; }
    public decimal? CiLow { get; init; }
    public decimal? CiHigh { get; init; }
    public long Responses { get; init; }
    public decimal TargetNps { get; init; }
    public decimal? Change { get; init; }
}

/// <summary>
/// A review slot that has run, for the tenant's schedule (scope <c>all</c>) or one goal (its id): claimed
/// by an insert that does nothing when the slot is taken (see <c>ReviewGoals</c>), so a slot runs once.
/// </summary>
internal sealed class ReviewRun : ITenantOwned
{
    public Guid TenantId { get; init; }
    public DateTimeOffset Slot { get; init; }
    public required string Scope { get; init; }
    public DateTimeOffset RanAt { get; init; }
}

/// <summary>When a tenant's goals are reviewed: weekly (Monday 09:00) or monthly (the 1st, 09:00), in its time zone.</summary>
internal sealed class ReviewSettings : ITenantOwned
{
    public Guid TenantId { get; init; }
    public required string Cadence { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal static class ReviewCadences
{
    public const string Weekly = "weekly";
    public const string Monthly = "monthly";
    public static readonly string[] All = [Weekly, Monthly];
}

internal static class ReviewKinds
{
    /// <summary>The tenant's weekly or monthly review.</summary>
    public const string Scheduled = "scheduled";

    /// <summary>The review the day after a goal's period ends.</summary>
    public const string Final = "final";

    /// <summary>Asked for through the API or the department page.</summary>
    public const string Manual = "manual";
}
