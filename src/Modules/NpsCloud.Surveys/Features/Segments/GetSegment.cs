using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Segments;

internal static class GetSegment
{
    public sealed record Query(Guid Id) : IRequest<SegmentView>, IManagersOnly;

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Query, SegmentView>
    {
        public async Task<SegmentView> Handle(Query query, CancellationToken cancellationToken) =>
            await SegmentRules.ViewAsync(db, await SegmentRules.FindAsync(db, query.Id, cancellationToken), cancellationToken);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new GetSegment.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("One segment, with the surveys that use it")
            .Produces<SegmentView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
