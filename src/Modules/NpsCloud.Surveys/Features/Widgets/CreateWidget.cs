using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Widgets;

/// <summary>A new web widget for a survey (a survey may have several, one per site or placement), with a new public id.</summary>
internal static class CreateWidget
{
    public sealed class Handler(SurveysDbContext db, ITenantContext tenant, PublicLinks links, TimeProvider clock)
        : IRequestHandler<WidgetInput, WidgetView>
    {
        public async Task<WidgetView> Handle(WidgetInput input, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, input.SurveyId, cancellationToken);
            if (survey.Status == SurveyStatuses.Archived) throw new ConflictException("An archived survey takes no new widgets.");
            if (await db.Widgets.CountAsync(w => w.SurveyId == survey.Id, cancellationToken) >= Widget.MaxPerSurvey)
            {
                throw new ConflictException($"A survey has at most {Widget.MaxPerSurvey} widgets.");
            }

            var now = clock.GetUtcNow();
            var widget = new Widget { TenantId = tenant.RequiredTenantId, Id = Widget.NewId(), SurveyId = survey.Id, CreatedAt = now, UpdatedAt = now };
            input.ApplyTo(widget);
            db.Widgets.Add(widget);
            await db.SaveChangesAsync(cancellationToken);
            return WidgetView.From(widget, links);
        }
    }

    public static void Map(RouteGroupBuilder surveys) =>
        surveys.MapPost("/{id:guid}/widgets", async (Guid id, WidgetInput? input, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send((input ?? new WidgetInput()) with { SurveyId = id }, cancellationToken);
                return Results.Created($"/api/v1/widgets/{created.Id}", created);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithIdempotencyKey()
            .WithSummary("Add a web widget to a survey (its id is public: it goes into the company's pages); honours Idempotency-Key")
            .Produces<WidgetView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
