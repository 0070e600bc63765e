using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Responses.Features.Responses;

/// <summary><c>GET /responses</c>: newest first (by id, which follows answer time), cursor pagination.</summary>
internal static class ListResponses
{
    public sealed record Query(ResponseFilter Filter, int? Limit, string? Cursor) : IRequest<Page<ResponseView>>;

    public sealed class Handler(ResponsesDbContext db, IMediator mediator) : IRequestHandler<Query, Page<ResponseView>>
    {
        public async Task<Page<ResponseView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Paging.Limit(query.Limit);
            var responses = query.Filter.Apply(db.Visible.AsNoTracking());
            if (Paging.After(query.Cursor) is { } after) responses = responses.Where(r => r.Id < after);
            var rows = await responses.OrderByDescending(r => r.Id).Take(limit + 1).ToListAsync(cancellationToken);
            var page = Paging.Of(rows, limit, r => r.Id);
            return new Page<ResponseView>(await ResponseView.ManyAsync(mediator, page.Items, cancellationToken), page.Next);
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("", async ([AsParameters] ResponseFilter filter, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(filter, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("Responses, newest first, filtered (since, until, surveyId, departmentId, touchpoint, category, hasComment, tag, q); cursor pagination")
            .ProducesValidationProblem();
}
