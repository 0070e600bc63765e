using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.FollowUps;
using NpsCloud.FollowUps.Domain;

namespace NpsCloud.FollowUps.Features.Cases;

/// <summary>The finders and checks the case slices share: visibility, history entries, saving a change, who acts.</summary>
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

    /// <summary>
    /// A reply or a call that reached the person is the first contact: an open or escalated case becomes
    /// <c>contacted</c> (with its history entry and the event webhooks and metrics follow), as if someone
    /// had marked it so; a case already contacted or finished keeps its status.
    /// </summary>
    public static void CountAsContact(FollowUpsDbContext db, ITenantContext tenant, FollowUpCase followUp, CaseActor actor, DateTimeOffset at)
    {
        followUp.UpdatedAt = at;
        if (followUp.Status is not (FollowUpStatuses.Open or FollowUpStatuses.Escalated))
        {
            followUp.FirstContactedAt ??= at;
            return;
        }

        var previous = followUp.ChangeStatus(CaseTransitions.Contacted, null, at);
        // A tick later than the reply or call, so the history reads in the order it happened.
        db.Events.Add(Event(followUp, CaseEventKinds.Status, actor, at.AddTicks(10), status: followUp.Status));
        db.Publish(new FollowUpStatusChanged(Guid.CreateVersion7(at), tenant.RequiredTenantId, at, followUp.Id, followUp.ResponseId, followUp.DepartmentId,
            previous, followUp.Status, null, actor.UserId));
    }

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
