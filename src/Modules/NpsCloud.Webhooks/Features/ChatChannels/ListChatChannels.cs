using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Webhooks.Features.ChatChannels;

/// <summary><c>GET /chat-channels</c>: newest first, each with its newest post; cursor pagination.</summary>
internal static class ListChatChannels
{
    public sealed record Query(int? Limit, string? Cursor) : IRequest<Page<ChatChannelView>>, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db) : IRequestHandler<Query, Page<ChatChannelView>>
    {
        public async Task<Page<ChatChannelView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = await db.ChatChannels.AsNoTracking().PageAsync(c => c.Id, query.Limit, query.Cursor, newestFirst: true, cancellationToken);
            var views = new List<ChatChannelView>(page.Items.Count);
            // A company has at most 20 channels: one small query each.
            foreach (var channel in page.Items) views.Add(ChatChannelView.From(channel, await ChatChannelRules.LastPostAsync(db, channel.Id, cancellationToken)));
            return new Page<ChatChannelView>(views, page.Next);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", async (int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListChatChannels.Query(limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("The company's Slack and Teams channels, newest first, each with its newest post; addresses shown as host and last four characters; cursor pagination")
            .Produces<Page<ChatChannelView>>()
            .ProducesValidationProblem();
    }
}
