using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

internal static class GetSurvey
{
    public sealed record Query(Guid Id) : IRequest<SurveyView>;

    public sealed class Handler(SurveysDbContext db, SurveyViews views) : IRequestHandler<Query, SurveyView>
    {
        public async Task<SurveyView> Handle(Query query, CancellationToken cancellationToken) =>
            await views.ViewAsync(await SurveyRules.FindAsync(db, query.Id, cancellationToken), cancellationToken);
    }
}
