using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Widgets;

/// <summary>A survey's web widgets, oldest first (at most 20, so one page).</summary>
internal static class ListWidgets
{
    public sealed record Query(Guid SurveyId) : IRequest<Page<WidgetView>>;

    public sealed class Handler(SurveysDbContext db, PublicLinks links) : IRequestHandler<Query, Page<WidgetView>>
    {
        public async Task<Page<WidgetView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, query.SurveyId, cancellationToken);
            var widgets = await db.Widgets.AsNoTracking().Where(w => w.SurveyId == survey.Id)
                .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).ToListAsync(cancellationToken);
            return new Page<WidgetView>(widgets.Select(w => WidgetView.From(w, links)).ToList(), null);
        }
    }

    public static void Map(RouteGroupBuilder surveys) =>
        surveys.MapGet("/{id:guid}/widgets", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("A survey's web widgets, with the snippet to paste")
            .Produces<Page<WidgetView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
