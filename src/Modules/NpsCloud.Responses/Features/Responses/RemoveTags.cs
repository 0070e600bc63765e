using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Responses.Features.Responses;

/// <summary><c>DELETE /responses/{id}/tags</c> and <c>DELETE /responses/{id}/tags/{tag}</c>: takes tags off a response.</summary>
internal static class RemoveTags
{
    public sealed record Command(Guid ResponseId, IReadOnlyList<string>? Tags) : IRequest<IReadOnlyList<string>>, ITenantWrite;

    public sealed class Handler(ResponsesDbContext db, TimeProvider clock) : IRequestHandler<Command, IReadOnlyList<string>>
    {
        public async Task<IReadOnlyList<string>> Handle(Command remove, CancellationToken cancellationToken)
        {
            var tags = ResponseTags.Valid(remove.Tags);
            var response = await ResponseRules.FindAsync(db, remove.ResponseId, cancellationToken, track: true);
            return await ResponseTags.SaveAsync(db, clock, response, response.Tags.Except(tags).ToList(), cancellationToken);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}/tags", (Guid id, [FromBody] ResponsesTagsBody body, IMediator mediator, CancellationToken cancellationToken) =>
                ResponseTags.Tagged(mediator.Send(new Command(id, body.Tags), cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Remove tags ({\"tags\": [...]}); answers the response's tags")
            .Produces<ResponsesTagsBody>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id:guid}/tags/{tag}", (Guid id, string tag, IMediator mediator, CancellationToken cancellationToken) =>
                ResponseTags.Tagged(mediator.Send(new Command(id, [tag]), cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Remove one tag; answers the response's tags")
            .Produces<ResponsesTagsBody>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
