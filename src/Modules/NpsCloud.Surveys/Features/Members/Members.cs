using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Surveys;
using NpsCloud.Surveys.Sending;

namespace NpsCloud.Surveys.Features.Members;

/// <summary>A relationship survey's audience: contacts by id, or addresses (added as contacts when new).</summary>
internal sealed record MembersInput(string[]? Emails, Guid[]? ContactIds);

internal static class AddMembers
{
    public sealed record Command(Guid SurveyId, MembersInput Members) : IRequest<Result>, ITenantWrite;

    public sealed record Result(int Added, int AlreadyMembers);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(Microsoft.Extensions.Localization.IStringLocalizer<SurveysText> text)
        {
            RuleFor(c => c.Members).Must(m => (m.Emails?.Length ?? 0) + (m.ContactIds?.Length ?? 0) > 0)
                .WithMessage(_ => text["Validation.MembersEmpty"]).OverridePropertyName("emails");
            RuleFor(c => c.Members).Must(m => (m.Emails?.Length ?? 0) + (m.ContactIds?.Length ?? 0) <= 1000)
                .WithMessage(_ => text["Validation.MembersTooMany"]).OverridePropertyName("emails");
            RuleForEach(c => c.Members.Emails).ValidContactEmail(text).OverridePropertyName("emails");
        }
    }

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.SurveyId, cancellationToken);
            if (!survey.IsRelationship) throw new ConflictException("Only relationship surveys have members; transactional surveys are sent by request.");
            var now = clock.GetUtcNow();
            var ids = await MemberRules.ResolveAsync(db, command.Members, now, createMissing: true, cancellationToken);
            var existing = await db.Members.Where(m => m.SurveyId == survey.Id && ids.Contains(m.ContactId)).Select(m => m.ContactId).ToListAsync(cancellationToken);
            var added = ids.Except(existing).ToList();
            db.Members.AddRange(added.Select(id => new SurveyMember { SurveyId = survey.Id, ContactId = id, AddedAt = now }));
            await db.SaveChangesAsync(cancellationToken);
            return new Result(added.Count, existing.Count);
        }
    }
}

internal static class RemoveMembers
{
    public sealed record Command(Guid SurveyId, MembersInput Members) : IRequest<Result>, ITenantWrite;

    public sealed record Result(int Removed);

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.SurveyId, cancellationToken);
            var ids = await MemberRules.ResolveAsync(db, command.Members, clock.GetUtcNow(), createMissing: false, cancellationToken);
            var members = await db.Members.Where(m => m.SurveyId == survey.Id && ids.Contains(m.ContactId)).ToListAsync(cancellationToken);
            db.Members.RemoveRange(members);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(members.Count);
        }
    }
}

internal static class ListMembers
{
    public sealed record Query(Guid SurveyId, int? Limit, string? Cursor) : IRequest<Page<Member>>;

    /// <param name="NextSendAt">The wave that will next invite this member, if nothing stops it (their throttle window counted).</param>
    /// <param name="Status"><c>eligible</c>, <c>unsubscribed</c> or <c>bounced</c>.</param>
    public sealed record Member(Guid ContactId, string? Email, string? Name, DateTimeOffset AddedAt, string Status, DateTimeOffset? LastSurveyedAt, DateTimeOffset? NextSendAt);

    public sealed class Handler(SurveysDbContext db, WaveTriggers triggers, IMediator mediator, ITenantContext tenant) : IRequestHandler<Query, Page<Member>>
    {
        public async Task<Page<Member>> Handle(Query query, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, query.SurveyId, cancellationToken);
            var limit = Paging.Limit(query.Limit);
            var after = Paging.After(query.Cursor);
            var rows = await (
                    from member in db.Members
                    join contact in db.Contacts on member.ContactId equals contact.Id
                    where member.SurveyId == survey.Id && contact.ErasedAt == null && (after == null || contact.Id > after)
                    orderby contact.Id
                    select contact)
                .Take(limit + 1)
                .ToListAsync(cancellationToken);
            var page = Paging.Of(rows, limit, c => c.Id);
            var added = await db.Members.Where(m => m.SurveyId == survey.Id).ToDictionaryAsync(m => m.ContactId, m => m.AddedAt, cancellationToken);
            var throttleDays = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).ThrottleDays;
            var members = new List<Member>();
            foreach (var contact in page.Items)
            {
                var status = contact.Suppression ?? "eligible";
                DateTimeOffset? next = null;
                if (status == "eligible" && survey.Status == SurveyStatuses.Active)
                {
                    var eligibleFrom = contact.LastSurveyedAt?.AddDays(throttleDays) ?? DateTimeOffset.MinValue;
                    next = await triggers.WaveAtOrAfterAsync(survey.TenantId, survey.Id, eligibleFrom, cancellationToken);
                }

                members.Add(new Member(contact.Id, contact.Email, contact.Name, added[contact.Id], status, contact.LastSurveyedAt, next));
            }

            return new Page<Member>(members, page.Next);
        }
    }
}

internal static class MemberRules
{
    /// <summary>The contact ids meant: given ids must exist (else 404); addresses are found, or added when allowed.</summary>
    public static async Task<List<Guid>> ResolveAsync(SurveysDbContext db, MembersInput input, DateTimeOffset now, bool createMissing, CancellationToken cancellationToken)
    {
        var ids = (input.ContactIds ?? []).Distinct().ToList();
        var known = await db.Contacts.CountAsync(c => ids.Contains(c.Id) && c.ErasedAt == null, cancellationToken);
        if (known != ids.Count) throw new NotFoundException("A contact named");

        foreach (var email in (input.Emails ?? []).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (createMissing)
            {
                var (contact, _) = await ContactRules.UpsertAsync(db, email, null, null, null, now, cancellationToken);
                ids.Add(contact.Id);
            }
            else
            {
                var normalized = Contact.Normalize(email);
                var id = await db.Contacts.Where(c => c.NormalizedEmail == normalized && c.ErasedAt == null).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
                if (id is { } found) ids.Add(found);
            }
        }

        return ids.Distinct().ToList();
    }
}
