using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Sending;

namespace NpsCloud.Surveys.Features.ForOtherModules;

/// <summary>What the Surveys module answers other modules (the requests are declared in Contracts/Surveys).</summary>
internal sealed class FindSurveyHandler(SurveysDbContext db) : IRequestHandler<FindSurvey, SurveyInfo?>
{
    public async Task<SurveyInfo?> Handle(FindSurvey request, CancellationToken cancellationToken) =>
        await db.Surveys.AsNoTracking().Where(s => s.Id == request.SurveyId).Select(s => Info(s)).FirstOrDefaultAsync(cancellationToken);

    public static SurveyInfo Info(Survey s) => new(s.Id, s.Name, s.Kind, s.Status, s.DepartmentId, s.Touchpoint, s.Locale);
}

internal sealed class ListSurveyInfosHandler(SurveysDbContext db) : IRequestHandler<ListSurveyInfos, IReadOnlyList<SurveyInfo>>
{
    public async Task<IReadOnlyList<SurveyInfo>> Handle(ListSurveyInfos request, CancellationToken cancellationToken) =>
        await db.Surveys.AsNoTracking().OrderBy(s => s.Name).Select(s => FindSurveyHandler.Info(s)).ToListAsync(cancellationToken);
}

/// <summary>The response page's way in: the invitation a token belongs to, in its tenant, with the survey's wording.</summary>
internal sealed class OpenSurveyLinkHandler(InvitationLinks links, SurveysDbContext db, SurveyWording wording, IMediator mediator, TenantContext tenant)
    : IRequestHandler<OpenSurveyLink, SurveyLink?>
{
    public async Task<SurveyLink?> Handle(OpenSurveyLink request, CancellationToken cancellationToken)
    {
        if (await links.FindAsync(request.Token, cancellationToken) is not { } found) return null;
        tenant.Set(found.TenantId);
        var invitation = await db.Invitations.AsNoTracking().FirstAsync(i => i.Id == found.InvitationId, cancellationToken);
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == invitation.SurveyId, cancellationToken);
        var company = (await mediator.Send(new GetTenantProfile(found.TenantId), cancellationToken)).Name;
        var locale = invitation.Locale;
        return new SurveyLink(
            found.TenantId, invitation.Id, survey.Id, invitation.ContactId, locale, invitation.ExpiresAt, survey.DepartmentId, survey.Touchpoint,
            company,
            wording.Question(survey, locale, company),
            NpsCategories.All.ToDictionary(category => category, category => wording.FollowUp(survey, category, locale, company)),
            survey.BrandColor,
            survey.LogoUrl);
    }
}

internal sealed class FindContactsHandler(SurveysDbContext db) : IRequestHandler<FindContacts, IReadOnlyDictionary<Guid, ContactInfo>>
{
    public async Task<IReadOnlyDictionary<Guid, ContactInfo>> Handle(FindContacts request, CancellationToken cancellationToken)
    {
        var ids = request.ContactIds.Distinct().ToList();
        var contacts = request.OfVisibleRows ? db.Contacts.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter]) : db.Contacts;
        return await contacts.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new ContactInfo(c.Id, c.Email, c.Name))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
    }
}

/// <summary>
/// Contacts for addresses, adding the ones that are new, in one statement per call (an import of a
/// million answers names a great many people). An existing contact is left as it is.
/// </summary>
internal sealed class ResolveContactsHandler(SurveysDbContext db, ITenantContext tenant, TimeProvider clock) : IRequestHandler<ResolveContacts, IReadOnlyList<Guid>>
{
    public async Task<IReadOnlyList<Guid>> Handle(ResolveContacts request, CancellationToken cancellationToken)
    {
        var byAddress = request.Emails
            .Select(email => (Email: email.Trim(), Normalized: Contact.Normalize(email)))
            .DistinctBy(e => e.Normalized)
            .ToList();
        var ids = new Dictionary<string, Guid>(byAddress.Count);
        var now = clock.GetUtcNow();
        // Twice at most: an address another request added a moment ago is invisible to this statement's
        // snapshot (its insert conflicts, its select misses it), and is found by the second round.
        for (var round = 0; round < 2 && ids.Count < byAddress.Count; round++)
        {
            var missing = byAddress.Where(e => !ids.ContainsKey(e.Normalized)).ToList();
            var rows = await db.Database.SqlQuery<ContactRow>($"""
                with input as (
                    select * from unnest({missing.Select(e => e.Email).ToArray()}::text[], {missing.Select(e => e.Normalized).ToArray()}::text[],
                                         {missing.Select(_ => Guid.CreateVersion7(now)).ToArray()}::uuid[]) as i(email, normalized_email, id)
                ),
                existing as (
                    select c.normalized_email, c.id from surveys.contacts c join input using (normalized_email) where c.erased_at is null
                ),
                added as (
                    insert into surveys.contacts (tenant_id, id, email, normalized_email, created_at, updated_at)
                    select {tenant.RequiredTenantId}, i.id, i.email, i.normalized_email, {now}, {now}
                      from input i where not exists (select from existing e where e.normalized_email = i.normalized_email)
                    on conflict (tenant_id, normalized_email) where erased_at is null do nothing
                    returning normalized_email, id
                )
                select normalized_email, id from existing
                union all
                select normalized_email, id from added
                """).ToListAsync(cancellationToken);
            foreach (var row in rows) ids[row.NormalizedEmail] = row.Id;
        }

        return request.Emails.Select(email => ids[Contact.Normalize(email)]).ToList();
    }

    private sealed class ContactRow
    {
        public required string NormalizedEmail { get; init; }
        public Guid Id { get; init; }
    }
}

/// <summary>The response rate of the invitations sent in a window: bounced and failed ones were never sent.</summary>
internal sealed class CountInvitationResponsesHandler(SurveysDbContext db) : IRequestHandler<CountInvitationResponses, InvitationResponses>
{
    public async Task<InvitationResponses> Handle(CountInvitationResponses request, CancellationToken cancellationToken)
    {
        var sent = db.Invitations.AsNoTracking().Where(i => i.SentAt >= request.From && i.SentAt < request.Until);
        if (request.SurveyId is { } surveyId) sent = sent.Where(i => i.SurveyId == surveyId);
        var counts = await sent.GroupBy(_ => 1)
            .Select(g => new { Sent = g.Count(), Responded = g.Count(i => i.RespondedAt != null) })
            .FirstOrDefaultAsync(cancellationToken);
        return new InvitationResponses(counts?.Sent ?? 0, counts?.Responded ?? 0);
    }
}

/// <summary>An answer to an emailed invitation marks it responded: its reminder is not sent, and it counts in the response rate.</summary>
internal sealed class MarkInvitationResponded(SurveysDbContext db, TimeProvider clock)
    : BuildingBlocks.Outbox.IdempotentEventHandler<ResponseRecorded, SurveysDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(ResponseRecorded recorded, CancellationToken cancellationToken)
    {
        if (recorded.InvitationId is not { } invitationId) return;
        var invitation = await Db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is not null) invitation.RespondedAt ??= recorded.RespondedAt;
    }
}
