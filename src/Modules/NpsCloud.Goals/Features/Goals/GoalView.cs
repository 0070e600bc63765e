using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals.Features.Goals;

/// <summary>A goal as the API and the pages show it: with its department's name and its progress today.</summary>
internal sealed record GoalView(
    Guid Id,
    Guid DepartmentId,
    string? DepartmentName,
    Guid? SurveyId,
    string? Touchpoint,
    decimal TargetNps,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int MinResponses,
    bool Archived,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    GoalProgress Progress);

/// <summary>One review snapshot of a goal, as <c>GET /goals/{id}/reviews</c> and a review on request answer it.</summary>
internal sealed record GoalReviewView(
    Guid Id, Guid GoalId, string Kind, DateTimeOffset Slot, DateTimeOffset ReviewedAt, string Status, decimal? Nps, GoalProgress.Interval? Ci,
    long Responses, decimal TargetNps, decimal? Change)
{
    public static GoalReviewView Of(GoalReview r) => new(
        r.Id, r.GoalId, r.Kind, r.Slot, r.ReviewedAt, r.Status, r.Nps,
        r.CiLow is { } low && r.CiHigh is { } high ? new GoalProgress.Interval((double)low, (double)high) : null,
        r.Responses, r.TargetNps, r.Change);
}
