using System.Security.Claims;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Features;

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
    DateTimeOffset? ResurveyedAt)
{
    public static CaseView From(FollowUpCase c, DateTimeOffset now, IReadOnlyDictionary<Guid, UserInfo> users) => new(
        c.Id, c.Kind, c.Status, c.IsOverdueAt(now), c.NowPromoter, c.OpeningScore, c.Score, c.ResponseId, c.SurveyId, c.ContactId, c.DepartmentId,
        c.AssigneeUserId, c.AssigneeUserId is { } id && users.TryGetValue(id, out var user) ? user.Name : null,
        c.OpenedAt, c.DueAt, c.FirstContactedAt, c.EscalatedAt, c.ResolvedAt, c.ClosedAt, c.Outcome, c.ResurveyDueAt, c.ResurveyedAt);

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

internal static class CaseRules
{
    /// <summary>
    /// The current tenant's case, if the caller may see its department: another tenant's case and another
    /// department's case (for a department head) are both simply not found.
    /// </summary>
    public static async Task<FollowUpCase> FindAsync(FollowUpsDbContext db, ITenantContext tenant, Guid id, CancellationToken cancellationToken, bool track = false)
    {
        var found = await (track ? db.Cases : db.Cases.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return found is not null && tenant.CanSee(found.DepartmentId) ? found : throw new NotFoundException("The follow-up case");
    }

    /// <summary>Only the cases of the departments the caller may see (all of them for owners, admins, viewers and API keys).</summary>
    public static IQueryable<FollowUpCase> Visible(this IQueryable<FollowUpCase> cases, ITenantContext tenant)
    {
        if (tenant.VisibleDepartments is not { } visible) return cases;
        var ids = visible.ToList();
        return cases.Where(c => c.DepartmentId != null && ids.Contains(c.DepartmentId.Value));
    }

    public static CaseEvent Event(
        FollowUpCase c, string kind, CaseActor actor, DateTimeOffset at,
        string? status = null, string? text = null, Guid? userId = null, int? score = null, int? previousScore = null) => new()
    {
        Id = Guid.CreateVersion7(at),
        CaseId = c.Id,
        Kind = kind,
        At = at,
        ActorUserId = actor.UserId,
        Actor = actor.Name,
        Status = status,
        Text = text,
        UserId = userId,
        Score = score,
        PreviousScore = previousScore,
    };

    /// <summary>Saves a change to a case; a case whose status changed meanwhile (the escalation job, another person) is a 409, not a lost update.</summary>
    public static async Task SaveAsync(FollowUpsDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The case changed while you were working on it; reload it and try again.");
        }
    }

    /// <summary>Who is acting on a request: the signed-in person by name, or the API key.</summary>
    public static CaseActor ActorOf(ClaimsPrincipal user, ITenantContext tenant) =>
        user.FindFirstValue(ClaimTypes.GivenName) is { } name
            ? new CaseActor(tenant.UserId, name)
            : new CaseActor(null, user.FindFirstValue(ApiKeyClaims.KeyId) is { } key ? $"API key {key}" : "API");
}
