using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

internal static class ListSurveys
{
    /// <summary>Every survey, newest first (the app's list).</summary>
    public sealed record Query(string? Status = null, string? Kind = null) : IRequest<List<SurveyView>>;

    /// <summary><c>GET /surveys</c>: one page, newest first.</summary>
    public sealed record PageQuery(string? Status, string? Kind, int? Limit, string? Cursor) : IRequest<Page<SurveyView>>;

    public sealed class Handler(SurveysDbContext db, SurveyViews views) : IRequestHandler<Query, List<SurveyView>>, IRequestHandler<PageQuery, Page<SurveyView>>
    {
        public async Task<List<SurveyView>> Handle(Query query, CancellationToken cancellationToken) =>
            await views.ViewAllAsync(await Filtered(query.Status, query.Kind).OrderByDescending(s => s.Id).ToListAsync(cancellationToken), cancellationToken);

        public async Task<Page<SurveyView>> Handle(PageQuery query, CancellationToken cancellationToken)
        {
            var page = await Filtered(query.Status, query.Kind).PageAsync(s => s.Id, query.Limit, query.Cursor, newestFirst: true, cancellationToken);
            return new Page<SurveyView>(await views.ViewAllAsync(page.Items, cancellationToken), page.Next);
        }

        /// <summary>Archived surveys only when asked for by status.</summary>
        private IQueryable<Survey> Filtered(string? status, string? kind) => db.Surveys.AsNoTracking()
            .Where(s => status == null ? s.Status != SurveyStatuses.Archived : s.Status == status)
            .Where(s => kind == null || s.Kind == kind);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", async (string? status, string? kind, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListSurveys.PageQuery(status, kind, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The company's surveys, newest first, one page (archived ones only with status=archived)");
    }
}
