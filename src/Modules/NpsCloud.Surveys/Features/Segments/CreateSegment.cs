using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Segments;

/// <summary><c>POST /segments</c>: save a named set of conditions over the company's contacts.</summary>
internal static class CreateSegment
{
    public sealed record Command(string? Name, SegmentFilterInput[]? Filters, DateTimeOffset? CreatedAfter, DateTimeOffset? CreatedBefore)
         : IRequest<SegmentView>, ITenantWrite, IManagersOnly, ISegmentInput;

    public sealed class Validator(IStringLocalizer<SurveysText> text) : SegmentRules.InputValidator<Command>(text);

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command, SegmentView>
    {
        public async Task<SegmentView> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var segment = new Segment { Id = Guid.CreateVersion7(now), Name = "", CreatedAt = now };
            SegmentRules.Apply(segment, command, now);
            db.Segments.Add(segment);
            await db.SaveChangesAsync(cancellationToken);
            return SegmentView.From(segment, []);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("", async (SegmentInput segment, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send(new CreateSegment.Command(segment.Name, segment.Filters, segment.CreatedAfter, segment.CreatedBefore), cancellationToken);
                return Results.Created($"/api/v1/segments/{created.Id}", created);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Save a segment: property filters (AND; a filter's values OR) and an optional created-at window")
            .WithIdempotencyKey()
            .Produces<SegmentView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
    }
}
