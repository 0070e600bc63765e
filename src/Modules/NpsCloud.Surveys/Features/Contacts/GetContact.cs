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

internal static class GetContact
{
    public sealed record Query(Guid Id) : IRequest<ContactView>;

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Query, ContactView>
    {
        public async Task<ContactView> Handle(Query query, CancellationToken cancellationToken) =>
            ContactView.From(await ContactRules.FindAsync(db, query.Id, cancellationToken));
    }
}
