using MediatR;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary>A case as the API and the pages show it; <c>overdue</c> and <c>nowPromoter</c> are worked out at the time of reading.</summary>
internal sealed record CaseView(
    Guid Id,
    string Kind,
    string Status,
    bool Overdue,
    bool NowPromoter,
    int OpeningScore,
    int Score,
    Guid ResponseId,
    Guid SurveyId,
    Guid? ContactId,
    Guid? DepartmentId,
    Guid? AssigneeUserId,
    string? AssigneeName,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? FirstContactedAt,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    string? Outcome,
    DateTimeOffset? ResurveyDueAt,
    DateTimeOffset? ResurveyedAt,
    CaseView.ResurveyAnswer? Resurvey)
{
    /// <summary>The person's answer to the re-survey after resolution; <c>recovered</c>: a detractor who now gives 7 or more.</summary>
    public sealed record ResurveyAnswer(Guid ResponseId, int Score, DateTimeOffset AnsweredAt, bool Recovered);

    public static CaseView From(FollowUpCase c, DateTimeOffset now, IReadOnlyDictionary<Guid, UserInfo> users) => new(
        c.Id, c.Kind, c.Status, c.IsOverdueAt(now), c.NowPromoter, c.OpeningScore, c.Score, c.ResponseId, c.SurveyId, c.ContactId, c.DepartmentId,
        c.AssigneeUserId, c.AssigneeUserId is { } id && users.TryGetValue(id, out var user) ? user.Name : null,
        c.OpenedAt, c.DueAt, c.FirstContactedAt, c.EscalatedAt, c.ResolvedAt, c.ClosedAt, c.Outcome, c.ResurveyDueAt, c.ResurveyedAt,
        c is { ResurveyResponseId: { } answer, ResurveyScore: { } score, ResurveyAnsweredAt: { } answeredAt } ? new ResurveyAnswer(answer, score, answeredAt, c.Recovered) : null);

    /// <summary>Views of these cases, with their assignees' names looked up in one request to the Tenants module.</summary>
    public static async Task<List<CaseView>> ManyAsync(IMediator mediator, IReadOnlyList<FollowUpCase> cases, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var assignees = cases.Where(c => c.AssigneeUserId is not null).Select(c => c.AssigneeUserId!.Value).Distinct().ToList();
        var users = assignees.Count == 0 ? new Dictionary<Guid, UserInfo>() : await mediator.Send(new FindUsers(assignees), cancellationToken);
        return cases.Select(c => From(c, now, users)).ToList();
    }
}

/// <summary>One case with what it is about: the answer, the person, and everything that happened to it.</summary>
internal sealed record CaseDetail(CaseView Case, ResponseSummary? Response, CaseDetail.Person? Contact, IReadOnlyList<CaseDetail.HistoryEntry> History)
{
    /// <summary>Null when the person was erased.</summary>
    public sealed record Person(Guid Id, string? Email, string? Name);

    public sealed record HistoryEntry(
        Guid Id, string Kind, DateTimeOffset At, Guid? ActorUserId, string Actor, string? Status, string? Text, Guid? UserId, int? Score, int? PreviousScore)
    {
        public static HistoryEntry From(CaseEvent e) => new(e.Id, e.Kind, e.At, e.ActorUserId, e.Actor, e.Status, e.Text, e.UserId, e.Score, e.PreviousScore);
    }
}
