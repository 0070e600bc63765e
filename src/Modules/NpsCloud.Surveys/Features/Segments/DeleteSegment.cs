using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Segments;

/// <summary><c>DELETE /segments/{id}</c>: refused (409) while a survey's audience is the segment.</summary>
internal static class DeleteSegment
{
    public sealed record Command(Guid Id) : IRequest, ITenantWrite, IManagersOnly;

    public sealed class Handler(SurveysDbContext db) : IRequestHandler<Command>
    {
        public async Task<MediatR.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var segment = await SegmentRules.FindAsync(db, command.Id, cancellationToken, track: true);
            var user = await db.Surveys.IgnoreQueryFilters([ModuleDbContext.DepartmentFilter]).Where(s => s.SegmentId == segment.Id)
                .Select(s => s.Name).FirstOrDefaultAsync(cancellationToken);
            if (user is not null) throw new ConflictException($"The survey \"{user}\" asks this segment; choose another audience for it first.");
            db.Segments.Remove(segment);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Deleted a moment ago by another request.
                throw new NotFoundException("The segment");
            }

            return MediatR.Unit.Value;
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new DeleteSegment.Command(id), cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Delete a segment no survey asks")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
