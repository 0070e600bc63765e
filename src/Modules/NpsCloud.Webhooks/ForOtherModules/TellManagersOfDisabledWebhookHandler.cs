using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Webhooks.Delivery;

namespace NpsCloud.Webhooks.ForOtherModules;

/// <summary>Tells every owner and admin, each in their language, that an endpoint was disabled and how to turn it back on.</summary>
internal sealed class TellManagersOfDisabledWebhookHandler(
    WebhooksDbContext db, IMediator mediator, IEmailSender mail, PublicLinks links, IStringLocalizer<WebhooksText> text, TimeProvider clock)
    : IdempotentEffectHandler<WebhookDisabledForFailing, WebhooksDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(WebhookDisabledForFailing disabled, CancellationToken cancellationToken)
    {
        var endpoint = await Db.Endpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == disabled.EndpointId, cancellationToken);
        if (endpoint is null) return; // deleted since
        foreach (var manager in await mediator.Send(new ListTenantManagers(), cancellationToken))
        {
            using var language = CultureScope.Use(manager.Locale);
            var since = (endpoint.FailingSince ?? disabled.OccurredAt).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture) + " UTC";
            var (body, html) = EmailLayout.Render(text["Email.Disabled.Heading"], [text["Email.Disabled.Intro", endpoint.Url, since], text["Email.Disabled.Fix"]],
                text["Email.Disabled.Open"], links.To($"app/webhooks/{endpoint.Id}"), text["Email.Footer"]);
            await mail.SendAsync(new EmailMessage(manager.Email, text["Email.Disabled.Subject", endpoint.Url], body, html) { ToName = manager.Name }, cancellationToken);
        }
    }
}
