using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Segments;

internal static class ListSegments
{
    public sealed record Query(int? Limit, string? Cursor) : IRequest<Page<SegmentView>>, IManagersOnly;

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Query, Page<SegmentView>>
    {
        public async Task<Page<SegmentView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Paging.Limit(query.Limit);
            var after = Paging.After(query.Cursor);
            var rows = await db.Segments.AsNoTracking().Where(g => after == null || g.Id > after).OrderBy(g => g.Id).Take(limit + 1).ToListAsync(cancellationToken);
            var page = Paging.Of(rows, limit, g => g.Id);
            var ids = page.Items.Select(g => g.Id).ToList();
            var usedBy = (await db.Surveys.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter])
                    .Where(s => s.SegmentId != null && ids.Contains(s.SegmentId.Value)).Select(s => new { s.Id, Segment = s.SegmentId!.Value }).ToListAsync(cancellationToken))
                .ToLookup(s => s.Segment, s => s.Id);
            return new Page<SegmentView>(page.Items.Select(g => SegmentView.From(g, usedBy[g.Id].ToList())).ToList(), page.Next);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", async (int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListSegments.Query(limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The company's segments; cursor pagination");
    }
}
