using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features.Webhooks;

/// <summary>The body of <c>POST /webhooks</c> (named as the OpenAPI document has always named it).</summary>
internal sealed record WebhooksCreateBody(string? Url, string[]? Events, string? Description);

/// <summary><c>POST /webhooks</c>: a new endpoint and its signing secret, shown in this answer only.</summary>
internal static class CreateWebhook
{
    public sealed record Command(string? Url, string[]? Events, string? Description) : IRequest<WebhookView>, ITenantWrite, IManagersOnly;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<WebhooksText> text, IOptions<WebhookOptions> options)
        {
            RuleFor(c => c.Url).Cascade(CascadeMode.Stop)
                .Must(url => !string.IsNullOrWhiteSpace(url)).WithMessage(_ => text["Validation.UrlRequired"])
                .MaximumLength(WebhookEndpoint.MaxUrlLength).WithMessage(_ => text["Validation.UrlTooLong", WebhookEndpoint.MaxUrlLength])
                .Must(url => IsAbsolute(url, options.Value.AllowPrivate)).WithMessage(_ => text[options.Value.AllowPrivate ? "Validation.UrlHttp" : "Validation.UrlHttps"])
                .Must(url => options.Value.AllowPrivate || !WebhookAddresses.IsRefusedLiteral(url)).WithMessage(_ => text["Validation.UrlPrivate"]);
            RuleFor(c => c.Events).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(_ => text["Validation.EventsRequired"])
                .Must(events => events!.All(WebhookEventTypes.All.Contains)).WithMessage(_ => text["Validation.EventsUnknown", string.Join(", ", WebhookEventTypes.All)]);
            RuleFor(c => c.Description).MaximumLength(WebhookEndpoint.MaxDescriptionLength)
                .WithMessage(_ => text["Validation.DescriptionTooLong", WebhookEndpoint.MaxDescriptionLength]);
        }

        /// <summary>An absolute https address (or http too, where private receivers are allowed).</summary>
        private static bool IsAbsolute(string? url, bool allowHttp) =>
            Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
            && uri.Host.Length > 0;
    }

    public sealed class Handler(WebhooksDbContext db, WebhookSecrets secrets, TimeProvider clock) : IRequestHandler<Command, WebhookView>
    {
        public async Task<WebhookView> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await db.Endpoints.CountAsync(cancellationToken) >= WebhookEndpoint.MaxPerTenant)
            {
                throw new ConflictException($"A company has at most {WebhookEndpoint.MaxPerTenant} webhooks. Delete one first.");
            }

            var now = clock.GetUtcNow();
            var secret = WebhookSignature.NewSecret();
            var endpoint = new WebhookEndpoint
            {
                Id = Guid.CreateVersion7(now),
                Url = command.Url!.Trim(),
                Description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(),
                EventTypes = WebhookEventTypes.All.Where(command.Events!.Contains).ToArray(),
                Secret = secrets.Protect(secret),
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Endpoints.Add(endpoint);
            await db.SaveChangesAsync(cancellationToken);
            return WebhookView.From(endpoint, secret);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("", async (WebhooksCreateBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var created = await mediator.Send(new CreateWebhook.Command(body.Url, body.Events, body.Description), cancellationToken);
                return Results.Created($"/api/v1/webhooks/{created.Id}", created);
            })
            .RequireAuthorization(ApiAuthorization.Admin)
            .WithIdempotencyKey()
            .WithSummary("Register an endpoint {url, events, description?}; the signing secret is in this answer only; honours Idempotency-Key")
            .Produces<WebhookView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
