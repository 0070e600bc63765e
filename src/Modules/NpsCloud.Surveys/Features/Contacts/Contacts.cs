using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Contacts;

/// <summary><c>POST /contacts</c>: add or update the contact with this address (upsert).</summary>
internal static class UpsertContact
{
    public sealed record Command(string Email, string? Name = null, string? Locale = null, JsonElement? Properties = null)
        : IRequest<(ContactView Contact, bool Created)>, ITenantWrite, IManagersOnly;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SurveysText> text)
        {
            RuleFor(c => c.Email).ValidContactEmail(text);
            RuleFor(c => c.Name).MaximumLength(200).WithMessage(_ => text["Validation.TooLong", 200]);
            RuleFor(c => c.Locale).ValidOptionalLocale(text);
            RuleFor(c => c.Properties).ValidProperties(text);
        }
    }

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command, (ContactView, bool)>
    {
        public async Task<(ContactView, bool)> Handle(Command command, CancellationToken cancellationToken)
        {
            var (contact, created) = await ContactRules.UpsertAsync(db, command.Email, command.Name, command.Locale, command.Properties, clock.GetUtcNow(), cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same address was added a moment ago by another request: update that one instead.
                db.ChangeTracker.Clear();
                return await Handle(command, cancellationToken);
            }

            return (ContactView.From(contact), created);
        }
    }
}

internal static class ListContacts
{
    /// <param name="Query">Text in the email address or name.</param>
    /// <param name="Status"><c>active</c>, <c>unsubscribed</c> or <c>bounced</c>.</param>
    public sealed record Query(string? Text, string? Status, int? Limit, string? Cursor) : IRequest<Page<ContactView>>;

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Query, Page<ContactView>>
    {
        public async Task<Page<ContactView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Paging.Limit(query.Limit);
            var after = Paging.After(query.Cursor);
            var contacts = db.Contacts.AsNoTracking().Where(c => c.ErasedAt == null);
            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                var pattern = "%" + query.Text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
                contacts = contacts.Where(c => EF.Functions.ILike(c.Email!, pattern) || EF.Functions.ILike(c.Name ?? "", pattern));
            }

            contacts = query.Status switch
            {
                null or "" => contacts,
                "active" => contacts.Where(c => c.UnsubscribedAt == null && c.BouncedAt == null),
                "unsubscribed" => contacts.Where(c => c.UnsubscribedAt != null),
                "bounced" => contacts.Where(c => c.BouncedAt != null),
                _ => throw new RequestValidationException("status", "Use active, unsubscribed or bounced."),
            };
            if (after is { } cursor) contacts = contacts.Where(c => c.Id > cursor);
            var rows = await contacts.OrderBy(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
            var page = Paging.Of(rows, limit, c => c.Id);
            return new Page<ContactView>(page.Items.Select(ContactView.From).ToList(), page.Next);
        }
    }
}

internal static class GetContact
{
    public sealed record Query(Guid Id) : IRequest<ContactView>;

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Query, ContactView>
    {
        public async Task<ContactView> Handle(Query query, CancellationToken cancellationToken) =>
            ContactView.From(await ContactRules.FindAsync(db, query.Id, cancellationToken));
    }
}

/// <summary><c>PATCH /contacts/{id}</c>: name, language, email and properties (merged; a null property removes it).</summary>
internal static class UpdateContact
{
    public sealed record Command(Guid Id, string? Email, string? Name, string? Locale, JsonElement? Properties) : IRequest<ContactView>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SurveysText> text)
        {
            RuleFor(c => c.Email!).ValidContactEmail(text).When(c => c.Email is not null);
            RuleFor(c => c.Name).MaximumLength(200).WithMessage(_ => text["Validation.TooLong", 200]);
            RuleFor(c => c.Locale).ValidOptionalLocale(text);
            RuleFor(c => c.Properties).ValidProperties(text);
        }
    }

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command, ContactView>
    {
        public async Task<ContactView> Handle(Command command, CancellationToken cancellationToken)
        {
            var contact = await ContactRules.FindAsync(db, command.Id, cancellationToken);
            if (command.Email is { } email)
            {
                contact.Email = email.Trim();
                contact.NormalizedEmail = Contact.Normalize(email);
            }

            if (command.Name is not null) contact.Name = string.IsNullOrWhiteSpace(command.Name) ? null : command.Name.Trim();
            if (command.Locale is not null) contact.Locale = command.Locale;
            contact.Properties = ContactRules.Merge(contact.Properties, command.Properties);
            contact.UpdatedAt = clock.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                throw new ConflictException("Another contact already has this email address.");
            }

            return ContactView.From(contact);
        }
    }
}

/// <summary>
/// <c>DELETE /contacts/{id}</c>: the KVKK/GDPR erasure. Address, name and properties are removed and the
/// contact leaves every audience; the anonymous row stays so the scores it gave keep counting. Pending
/// invitations are cancelled and the properties its requests carried are removed; <see cref="ContactErased"/> tells the other modules. Allowed after the trial too: erasure is a right, not a feature.
/// </summary>
internal static class EraseContact
{
    public sealed record Command(Guid Id) : IRequest;

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command>
    {
        public async Task<MediatR.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var contact = await ContactRules.FindAsync(db, command.Id, cancellationToken);
            var now = clock.GetUtcNow();
            contact.Erase(now);
            // Erasure is about the person, not a department: a caller who may see the contact erases it
            // from every audience and invitation, other departments' included.
            db.Members.RemoveRange(await db.Members.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter]).Where(m => m.ContactId == contact.Id).ToListAsync(cancellationToken));
            // Invitations keep only what scores need: what the requests said about the person goes too.
            foreach (var invitation in await db.Invitations.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter]).Where(i => i.ContactId == contact.Id).ToListAsync(cancellationToken))
            {
                invitation.Properties = "{}";
                invitation.LastError = null;
                if (invitation.Status != InvitationStatuses.Scheduled) continue;
                invitation.Status = InvitationStatuses.Cancelled;
                invitation.Reason = "contact erased";
            }

            // Other modules (the comments of responses, say) erase what they keep about the person too.
            db.Publish(new ContactErased(Guid.CreateVersion7(now), contact.TenantId, now, contact.Id));
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

/// <summary>Stops all mail to a contact, for every survey. Never undone by an upsert or import.</summary>
internal static class UnsubscribeContact
{
    public sealed record Command(Guid Id) : IRequest<ContactView>;

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command, ContactView>
    {
        public async Task<ContactView> Handle(Command command, CancellationToken cancellationToken)
        {
            var contact = await ContactRules.FindAsync(db, command.Id, cancellationToken);
            await Unsubscribe.ApplyAsync(db, contact, UnsubscribeSources.Api, clock.GetUtcNow(), cancellationToken);
            return ContactView.From(contact);
        }
    }
}

internal static class Unsubscribe
{
    /// <summary>
    /// Marks the contact unsubscribed and cancels whatever is still waiting to be sent to them. The first
    /// time is kept, and only that change is reported (<see cref="ContactUnsubscribed"/>, through the outbox).
    /// </summary>
    public static async Task ApplyAsync(SurveysDbContext db, Contact contact, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (contact.UnsubscribedAt is null)
        {
            contact.UnsubscribedAt = now;
            db.Publish(new ContactUnsubscribed(Guid.CreateVersion7(now), contact.TenantId, now, contact.Id, source));
        }

        contact.UpdatedAt = now;
        // An unsubscribe stops every department's mail to the person, not only the caller's.
        foreach (var pending in await db.Invitations.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter]).Where(i => i.ContactId == contact.Id && i.Status == InvitationStatuses.Scheduled).ToListAsync(cancellationToken))
        {
            pending.Status = InvitationStatuses.Cancelled;
            pending.Reason = "unsubscribed";
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
