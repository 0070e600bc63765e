using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.ChatChannels;

/// <summary>
/// <c>POST /chat-channels/{id}/test</c>: a test message to this channel, in its format and language, sent
/// and retried like any post, so the address can be checked before real alerts flow.
/// </summary>
internal static class SendChatTest
{
    public sealed record Command(Guid ChannelId) : IRequest<ChatPostView>, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db, ChatMessages messages, IMediator mediator, ITenantContext tenant, ChatSignal signal, TimeProvider clock)
        : IRequestHandler<Command, ChatPostView>
    {
        public async Task<ChatPostView> Handle(Command command, CancellationToken cancellationToken)
        {
            var channel = await ChatChannelRules.FindAsync(db, command.ChannelId, cancellationToken);
            var company = await messages.CompanyAsync(tenant.RequiredTenantId, cancellationToken);
            var department = channel.DepartmentId is { } departmentId ? (await mediator.Send(new FindDepartment(departmentId), cancellationToken))?.Name : null;
            string payload;
            using (CultureScope.Use(channel.Language)) payload = messages.Test(company, department).Render(channel.Kind);
            var now = clock.GetUtcNow();
            var post = ChatPost.Queue(channel, Guid.CreateVersion7(now), ChatTopics.Test, payload, now);
            db.ChatPosts.Add(post);
            await db.SaveChangesAsync(cancellationToken);
            signal.Notify();
            return ChatPostView.From(post);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/test", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Accepted($"/api/v1/chat-channels", await mediator.Send(new SendChatTest.Command(id), cancellationToken)))
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithSummary("Post a test message to this channel now, sent and retried like any alert, to check the address")
            .Produces<ChatPostView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
