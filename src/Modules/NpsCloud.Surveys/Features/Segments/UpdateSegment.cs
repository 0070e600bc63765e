using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Segments;

/// <summary><c>PUT /segments/{id}</c>: replace a segment's name and conditions; surveys using it see the change at their next wave.</summary>
internal static class UpdateSegment
{
    public sealed record Command(Guid Id, string? Name, SegmentFilterInput[]? Filters, DateTimeOffset? CreatedAfter, DateTimeOffset? CreatedBefore)
         : IRequest<SegmentView>, ITenantWrite, IManagersOnly, ISegmentInput;

    public sealed class Validator(IStringLocalizer<SurveysText> text) : SegmentRules.InputValidator<Command>(text);

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command, SegmentView>
    {
        public async Task<SegmentView> Handle(Command command, CancellationToken cancellationToken)
        {
            var segment = await SegmentRules.FindAsync(db, command.Id, cancellationToken, track: true);
            SegmentRules.Apply(segment, command, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return await SegmentRules.ViewAsync(db, segment, cancellationToken);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}", (Guid id, SegmentInput segment, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new UpdateSegment.Command(id, segment.Name, segment.Filters, segment.CreatedAfter, segment.CreatedBefore), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Replace a segment's name and conditions (surveys using it read them at their next wave)")
            .Produces<SegmentView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
