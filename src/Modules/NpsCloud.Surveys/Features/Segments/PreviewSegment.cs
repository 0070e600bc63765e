using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Segments;

/// <summary><c>GET /segments/{id}/preview</c>: how many contacts the segment matches now.</summary>
internal static class PreviewSegment
{
    public sealed record Query(Guid Id) : IRequest<Preview>, IManagersOnly;

    /// <param name="Matching">Contacts the conditions match (erased ones never count).</param>
    /// <param name="Subscribed">Of those, the ones that may be mailed (neither unsubscribed nor bounced).</param>
    public sealed record Preview(Guid Id, int Matching, int Subscribed);

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Query, Preview>
    {
        public async Task<Preview> Handle(Query query, CancellationToken cancellationToken)
        {
            var segment = await SegmentRules.FindAsync(db, query.Id, cancellationToken);
            var (matching, subscribed) = await SegmentRules.CountAsync(db, segment.Id, cancellationToken);
            return new Preview(segment.Id, matching, subscribed);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/preview", (Guid id, IMediator mediator, CancellationToken cancellationToken) => mediator.Send(new PreviewSegment.Query(id), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("How many contacts the segment matches now, and how many of them may be mailed")
            .Produces<PreviewSegment.Preview>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
