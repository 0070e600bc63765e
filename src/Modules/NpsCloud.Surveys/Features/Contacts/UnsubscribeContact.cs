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
