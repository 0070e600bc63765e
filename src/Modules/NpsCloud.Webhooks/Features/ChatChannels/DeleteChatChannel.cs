using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Webhooks.Features.ChatChannels;

/// <summary><c>DELETE /chat-channels/{id}</c>: the channel and its posts go (pending ones too); nothing more is posted to it. Allowed after the trial too.</summary>
internal static class DeleteChatChannel
{
    public sealed record Command(Guid Id) : IRequest, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db) : IRequestHandler<Command>
    {
        public async Task<MediatR.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            // One statement (its posts go by the foreign key's cascade): of two concurrent deletes, one deletes and the other finds nothing.
            if (await db.ChatChannels.Where(c => c.Id == command.Id).ExecuteDeleteAsync(cancellationToken) == 0) throw new NotFoundException("The chat channel");
            return MediatR.Unit.Value;
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new DeleteChatChannel.Command(id), cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Delete a chat channel and its posts; nothing more is posted to it")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
