using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.Surveys.Features.Contacts;

/// <summary>The unsubscribe link: finds the invitation by its token (the cross-tenant path) and, when asked, unsubscribes its contact.</summary>
internal static class UnsubscribeByLink
{
    public sealed record Command(string Token, bool Unsubscribe) : IRequest<Link?>;

    public sealed record Link(string Company, string Locale, bool Unsubscribed);

    public sealed class Handler(InvitationLinks links, SurveysDbContext db, IMediator mediator, TenantContext tenant, TimeProvider clock)
        : IRequestHandler<Command, Link?>
    {
        public async Task<Link?> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await links.FindAsync(command.Token, cancellationToken) is not { } found) return null;
            tenant.Set(found.TenantId);
            var invitation = await db.Invitations.AsNoTracking().FirstAsync(i => i.Id == found.InvitationId, cancellationToken);
            var contact = await db.Contacts.FirstAsync(c => c.Id == invitation.ContactId, cancellationToken);
            if (command.Unsubscribe && contact.ErasedAt is null) await Unsubscribe.ApplyAsync(db, contact, UnsubscribeSources.Link, clock.GetUtcNow(), cancellationToken);
            var company = (await mediator.Send(new GetTenantProfile(found.TenantId), cancellationToken)).Name;
            return new Link(company, invitation.Locale, contact.UnsubscribedAt is not null || contact.ErasedAt is not null);
        }
    }
}
