using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Domain;
using NpsCloud.FollowUps.Features.Push;

namespace NpsCloud.FollowUps.Escalation;

/// <summary>
/// Tells each of a person's devices that a case was assigned to them: a web push (aes128gcm, VAPID) whose
/// payload is <c>{title, body, url, tag}</c> in the person's language. It is shown on a lock screen, so it
/// says the score and the department and links to the case; never the customer's name or comment.
/// A push is a nudge beside the email alert: a device that fails is logged (never its address) and
/// skipped, and one the push service says is gone (404, 410) is removed.
/// </summary>
internal sealed class CasePushes(
    FollowUpsDbContext db, IMediator mediator, WebPushKeys keys, IHttpClientFactory http, IOptions<FollowUpOptions> options,
    IStringLocalizer<FollowUpsText> text, ILogger<CasePushes> log)
{
    public const string HttpClientName = "web-push";

    public async Task SendAssignedAsync(FollowUpCase followUp, Guid assigneeUserId, CancellationToken cancellationToken)
    {
        var devices = await db.PushSubscriptions.AsNoTracking().Where(d => d.UserId == assigneeUserId).ToListAsync(cancellationToken);
        if (devices.Count == 0) return;
        var users = await mediator.Send(new FindUsers([assigneeUserId]), cancellationToken);
        if (!users.TryGetValue(assigneeUserId, out var assignee) || !assignee.Active) return;
        var department = followUp.DepartmentId is { } departmentId ? (await mediator.Send(new FindDepartment(departmentId), cancellationToken))?.Name : null;

        string payload;
        using (CultureScope.Use(assignee.Locale))
        {
            payload = JsonSerializer.Serialize(new
            {
                title = text["Push.Assigned.Title", followUp.Score].Value,
                body = department is null ? text["Push.Assigned.BodyNoDepartment"].Value : text["Push.Assigned.Body", department].Value,
                url = $"/app/follow-ups/{followUp.Id}",
                tag = $"case-{followUp.Id}",
            });
        }

        var pair = await keys.KeysAsync(cancellationToken);
        using var vapid = new VapidAuthentication(pair.PublicKey, pair.PrivateKey) { Subject = options.Value.Push.Subject };
        var client = new PushServiceClient(http.CreateClient(HttpClientName))
        {
            DefaultAuthentication = vapid,
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
        };
        foreach (var device in devices)
        {
            var subscription = new Lib.Net.Http.WebPush.PushSubscription { Endpoint = device.Endpoint };
            subscription.SetKey(PushEncryptionKeyName.P256DH, device.P256dh);
            subscription.SetKey(PushEncryptionKeyName.Auth, device.Auth);
            try
            {
                // A day: a case older than that is better found in the inbox than on a lock screen.
                await client.RequestPushMessageDeliveryAsync(subscription, new PushMessage(payload) { TimeToLive = 86400, Urgency = PushMessageUrgency.High }, cancellationToken);
            }
            catch (PushServiceClientException refused) when (refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                await db.PushSubscriptions.Where(d => d.Id == device.Id).ExecuteDeleteAsync(cancellationToken);
                log.LogInformation("A push subscription {SubscriptionId} is gone ({Status}): removed", device.Id, (int)refused.StatusCode);
            }
            catch (Exception failed) when (failed is PushServiceClientException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                log.LogWarning("A push to subscription {SubscriptionId} failed: {Error}", device.Id, failed is PushServiceClientException p ? ((int)p.StatusCode).ToString() : failed.GetType().Name);
            }
        }
    }
}
