using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Features.ChatChannels;

/// <summary>The body of <c>POST /chat-channels</c>.</summary>
/// <param name="Kind"><c>slack</c> or <c>teams</c>.</param>
/// <param name="Url">The incoming-webhook address: for Slack <c>https://hooks.slack.com/services/…</c>, for Teams any public https address (an incoming webhook or a Workflows address).</param>
/// <param name="DepartmentId">Only this department's posts; omitted, the channel gets every post of the company.</param>
/// <param name="Language"><c>tr</c> or <c>en</c>; omitted, the company's language.</param>
internal sealed record ChatChannelsCreateBody(string? Kind, string? Url, Guid? DepartmentId, string? Language);

/// <summary>
/// <c>POST /chat-channels</c>: a Slack or Teams address that new follow-up cases, escalations and goal
/// reviews post to. The address is a secret (whoever has it can post to the channel): it is stored
/// encrypted and never shown again, only its host and last four characters.
/// </summary>
internal static class CreateChatChannel
{
    public sealed record Command(string? Kind, string? Url, Guid? DepartmentId, string? Language) : IRequest<ChatChannelView>, ITenantWrite, IManagersOnly;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<WebhooksText> text, IOptions<WebhookOptions> options)
        {
            var allowPrivate = options.Value.AllowPrivate;
            RuleFor(c => c.Kind).Cascade(CascadeMode.Stop)
                .Must(kind => ChatKinds.All.Contains(kind)).WithMessage(_ => text["Chat.Validation.Kind"]);
            RuleFor(c => c.Url).Cascade(CascadeMode.Stop)
                .Must(url => !string.IsNullOrWhiteSpace(url)).WithMessage(_ => text["Chat.Validation.UrlRequired"])
                .MaximumLength(ChatChannel.MaxUrlLength).WithMessage(_ => text["Validation.UrlTooLong", ChatChannel.MaxUrlLength])
                .Must(url => !url!.Trim().Any(char.IsControl) && !url.Trim().Any(char.IsWhiteSpace)).WithMessage(_ => text["Chat.Validation.UrlCharacters"])
                .Must(url => IsAbsolute(url, allowPrivate)).WithMessage(_ => text[allowPrivate ? "Validation.UrlHttp" : "Validation.UrlHttps"])
                .Must((command, url) => allowPrivate || command.Kind != ChatKinds.Slack || IsSlack(url)).WithMessage(_ => text["Chat.Validation.SlackUrl"])
                .Must(url => allowPrivate || !WebhookAddresses.IsRefusedLiteral(url)).WithMessage(_ => text["Chat.Validation.UrlPrivate"]);
            RuleFor(c => c.Language).Must(language => language is null or "tr" or "en").WithMessage(_ => text["Chat.Validation.Language"]);
        }

        /// <summary>An absolute https address (or http too, where private receivers are allowed: tests and local runs).</summary>
        private static bool IsAbsolute(string? url, bool allowHttp) =>
            Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
            && uri.Host.Length > 0 && uri.UserInfo.Length == 0;

        /// <summary>Slack's incoming webhooks all live at one host; anything else is not a Slack address.</summary>
        private static bool IsSlack(string? url) =>
            Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort
            && string.Equals(uri.IdnHost, ChatKinds.SlackHost, StringComparison.OrdinalIgnoreCase) && uri.AbsolutePath.StartsWith("/services/", StringComparison.Ordinal);
    }

    public sealed class Handler(WebhooksDbContext db, ChatAddressProtector addresses, IMediator mediator, ITenantContext tenant, TimeProvider clock)
        : IRequestHandler<Command, ChatChannelView>
    {
        public async Task<ChatChannelView> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.DepartmentId is { } departmentId && await mediator.Send(new FindDepartment(departmentId), cancellationToken) is null or { Archived: true })
            {
                throw new NotFoundException("The department");
            }

            if (await db.ChatChannels.CountAsync(cancellationToken) >= ChatChannel.MaxPerTenant)
            {
                throw new ConflictException($"A company has at most {ChatChannel.MaxPerTenant} chat channels. Delete one first.");
            }

            var language = command.Language ?? LanguageOf((await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).Locale);
            var url = new Uri(command.Url!.Trim());
            var now = clock.GetUtcNow();
            var channel = new ChatChannel
            {
                Id = Guid.CreateVersion7(now),
                Kind = command.Kind!,
                DepartmentId = command.DepartmentId,
                Language = language,
                Url = addresses.Protect(url.OriginalString),
                UrlHint = ChatChannel.HintOf(url),
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.ChatChannels.Add(channel);
            await db.SaveChangesAsync(cancellationToken);
            return ChatChannelView.From(channel, null);
        }

        private static string LanguageOf(string locale) => locale.StartsWith("tr", StringComparison.OrdinalIgnoreCase) ? "tr" : "en";
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("", async (ChatChannelsCreateBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send(new CreateChatChannel.Command(body.Kind, body.Url, body.DepartmentId, body.Language), cancellationToken);
                return Results.Created($"/api/v1/chat-channels/{created.Id}", created);
            })
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithIdempotencyKey()
            .WithSummary("Add a Slack or Teams channel {kind, url, departmentId?, language?}; the address is never shown again, only its host and last four characters; honours Idempotency-Key")
            .Produces<ChatChannelView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
