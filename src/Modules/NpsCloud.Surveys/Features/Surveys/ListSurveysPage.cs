using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Surveys;

internal static class ListSurveysPage
{
    /// <summary><c>GET /surveys</c>: one page, newest first.</summary>
    public sealed record Query(string? Status, string? Kind, int? Limit, string? Cursor) : IRequest<Page<SurveyView>>;

    public sealed class Handler(SurveysDbContext db, SurveyViews views) : IRequestHandler<Query, Page<SurveyView>>
    {
        public async Task<Page<SurveyView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = await ListSurveys.Filtered(db, query.Status, query.Kind).PageAsync(s => s.Id, query.Limit, query.Cursor, newestFirst: true, cancellationToken);
            return new Page<SurveyView>(await views.ViewAllAsync(page.Items, cancellationToken), page.Next);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", async (string? status, string? kind, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(status, kind, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The company's surveys, newest first, one page (archived ones only with status=archived)");
    }
}
