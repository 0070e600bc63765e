using System.Net;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Webhooks.Delivery;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Features;

internal static class WebhookRules
{
    /// <summary>The endpoint of the current tenant; another tenant's id is not found, like an unknown one.</summary>
    public static async Task<WebhookEndpoint> FindAsync(WebhooksDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Endpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw new NotFoundException("The webhook");
}

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
                .Must(url => options.Value.AllowPrivate || !IsRefusedLiteral(url)).WithMessage(_ => text["Validation.UrlPrivate"]);
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

        /// <summary>An address written as a literal IP that the connect-time guard would refuse anyway: said now, not at the first delivery.</summary>
        private static bool IsRefusedLiteral(string? url) =>
            Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !WebhookAddresses.IsAllowed(address);
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
}

/// <summary><c>GET /webhooks</c>: newest first, cursor pagination.</summary>
internal static class ListWebhooks
{
    public sealed record Query(int? Limit, string? Cursor) : IRequest<Page<WebhookView>>, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db) : IRequestHandler<Query, Page<WebhookView>>
    {
        public async Task<Page<WebhookView>> Handle(Query query, CancellationToken cancellationToken) =>
            (await db.Endpoints.AsNoTracking().PageAsync(e => e.Id, query.Limit, query.Cursor, newestFirst: true, cancellationToken)).Map(e => WebhookView.From(e));
    }
}

internal static class GetWebhook
{
    public sealed record Query(Guid Id) : IRequest<WebhookView>, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db) : IRequestHandler<Query, WebhookView>
    {
        public async Task<WebhookView> Handle(Query query, CancellationToken cancellationToken) =>
            WebhookView.From(await WebhookRules.FindAsync(db, query.Id, cancellationToken));
    }
}

/// <summary><c>DELETE /webhooks/{id}</c>: the endpoint and its delivery log go; nothing more is sent to it. Allowed after the trial too.</summary>
internal static class DeleteWebhook
{
    public sealed record Command(Guid Id) : IRequest, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db) : IRequestHandler<Command>
    {
        public async Task<MediatR.Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            db.Endpoints.Remove(await WebhookRules.FindAsync(db, command.Id, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

/// <summary>
/// <c>POST /webhooks/{id}/rotate-secret</c>: a new secret, shown in this answer only. For 24 hours every
/// delivery is signed with both, so a receiver can switch without losing a message. Rotating again within
/// the 24 hours drops the oldest secret at once. Allowed after the trial: a leaked secret can always be replaced.
/// </summary>
internal static class RotateWebhookSecret
{
    public sealed record Command(Guid Id) : IRequest<WebhookView>, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db, WebhookSecrets secrets, TimeProvider clock) : IRequestHandler<Command, WebhookView>
    {
        public async Task<WebhookView> Handle(Command command, CancellationToken cancellationToken)
        {
            var endpoint = await WebhookRules.FindAsync(db, command.Id, cancellationToken);
            var now = clock.GetUtcNow();
            var secret = WebhookSignature.NewSecret();
            endpoint.PreviousSecret = endpoint.Secret;
            endpoint.PreviousSecretExpiresAt = now + WebhookEndpoint.RotationOverlap;
            endpoint.Secret = secrets.Protect(secret);
            endpoint.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return WebhookView.From(endpoint, secret);
        }
    }
}

/// <summary>
/// <c>POST /webhooks/{id}/enable</c>: an endpoint disabled by a 410 or five days of failures receives new
/// events again (the deliveries stopped meanwhile stay stopped; redeliver the ones that matter).
/// </summary>
internal static class EnableWebhook
{
    public sealed record Command(Guid Id) : IRequest<WebhookView>, ITenantWrite, IManagersOnly;

    public sealed class Handler(WebhooksDbContext db, TimeProvider clock) : IRequestHandler<Command, WebhookView>
    {
        public async Task<WebhookView> Handle(Command command, CancellationToken cancellationToken)
        {
            var endpoint = await WebhookRules.FindAsync(db, command.Id, cancellationToken);
            if (endpoint.DisabledAt is not null)
            {
                endpoint.DisabledAt = null;
                endpoint.DisabledReason = null;
                endpoint.FailingSince = null;
                endpoint.UpdatedAt = clock.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }

            return WebhookView.From(endpoint);
        }
    }
}
