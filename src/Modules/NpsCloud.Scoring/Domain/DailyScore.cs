using NpsCloud.BuildingBlocks.Persistence;

namespace NpsCloud.Scoring.Domain;

/// <summary>How many answers gave each score in one bucket: a survey, department, touchpoint and channel.</summary>
internal abstract class ScoreCounts : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid SurveyId { get; init; }
    public Guid? DepartmentId { get; init; }
    public string? Touchpoint { get; init; }
    public required string Channel { get; init; }
    public int S0 { get; init; }
    public int S1 { get; init; }
    public int S2 { get; init; }
    public int S3 { get; init; }
    public int S4 { get; init; }
    public int S5 { get; init; }
    public int S6 { get; init; }
    public int S7 { get; init; }
    public int S8 { get; init; }
    public int S9 { get; init; }
    public int S10 { get; init; }
}

/// <summary>The counts of one local day (in the tenant's time zone): the source every rollup is computed from.</summary>
internal sealed class DailyScore : ScoreCounts
{
    public DateOnly Day { get; init; }
}

/// <summary>
/// The counts of a local calendar month (<see cref="Month"/> is its first day): what a metric reads for the
/// whole months of its window. Written by SQL from the daily rows, never on its own.
/// </summary>
internal sealed class MonthlyScore : ScoreCounts
{
    public DateOnly Month { get; init; }
}
