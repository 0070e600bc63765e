using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>Creates a survey as a draft; it sends nothing until activated.</summary>
internal static class CreateSurvey
{
    public sealed class Handler(SurveysDbContext db, IMediator mediator, SurveyViews views, TimeProvider clock)
        : IRequestHandler<SurveyInput, SurveyView>
    {
        public async Task<SurveyView> Handle(SurveyInput input, CancellationToken cancellationToken)
        {
            await SurveyRules.EnsureDepartmentAsync(mediator, input.DepartmentId, cancellationToken);
            var now = clock.GetUtcNow();
            var survey = new Survey
            {
                Id = Guid.CreateVersion7(now),
                Name = input.Name,
                Kind = input.Kind,
                Status = SurveyStatuses.Draft,
                Locale = input.Locale,
                CreatedAt = now,
                UpdatedAt = now,
            };
            input.ApplyTo(survey);
            db.Surveys.Add(survey);
            await db.SaveChangesAsync(cancellationToken);
            return await views.ViewAsync(survey, cancellationToken);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("", async (SurveyInput input, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send(input, cancellationToken);
                return Results.Created($"/api/v1/surveys/{created.Id}", created);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Create a survey (a draft: it sends nothing until activated)")
            .WithIdempotencyKey()
            .Produces<SurveyView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
    }
}
