using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features.Responses;

/// <summary><c>POST /responses/{id}/tags</c>: adds tags to a response, at most <see cref="Response.MaxTags"/> in all.</summary>
internal static class AddTags
{
    public sealed record Command(Guid ResponseId, IReadOnlyList<string>? Tags) : IRequest<IReadOnlyList<string>>, ITenantWrite;

    public sealed class Handler(ResponsesDbContext db, TimeProvider clock) : IRequestHandler<Command, IReadOnlyList<string>>
    {
        public async Task<IReadOnlyList<string>> Handle(Command add, CancellationToken cancellationToken)
        {
            var tags = ResponseTags.Valid(add.Tags);
            var response = await ResponseRules.FindAsync(db, add.ResponseId, cancellationToken, track: true);
            var merged = response.Tags.Union(tags).ToList();
            if (merged.Count > Response.MaxTags) throw new RequestValidationException("tags", $"A response has at most {Response.MaxTags} tags.");
            return await ResponseTags.SaveAsync(db, clock, response, merged, cancellationToken);
        }
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/tags", (Guid id, ResponsesTagsBody body, IMediator mediator, CancellationToken cancellationToken) =>
                ResponseTags.Tagged(mediator.Send(new Command(id, body.Tags), cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Add tags ({\"tags\": [\"pricing\"]}); answers the response's tags")
            .Produces<ResponsesTagsBody>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
