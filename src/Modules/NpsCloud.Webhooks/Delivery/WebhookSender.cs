using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Delivery;

/// <summary>
/// Sends one claimed delivery and records the attempt. Only a 2xx answer is a success. A 410 disables the
/// endpoint at once; any other answer, a redirect, a timeout, a refused address or a network error is a
/// failure, retried on <see cref="RetrySchedule"/> until the schedule ends (then the delivery has
/// failed). An endpoint with no success for <see cref="WebhookEndpoint.FailingLimit"/> since its first
/// failure is disabled and its company's owners and admins are told by email.
/// </summary>
internal sealed class WebhookSender(WebhooksDbContext db, WebhookSecrets secrets, IHttpClientFactory http, IOptions<WebhookOptions> options, TimeProvider clock)
{
    private sealed record Outcome(int? StatusCode, string? Error, string? ResponseBody, TimeSpan? RetryAfter, int DurationMs)
    {
        public bool Succeeded => StatusCode is >= 200 and < 300;
    }

    public async Task SendAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is null) return; // its endpoint was deleted meanwhile
        delivery.LockedUntil = null;
        var endpoint = await db.Endpoints.AsNoTracking().FirstAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        if (delivery.Status == DeliveryStatuses.Pending && endpoint.DisabledAt is not null) Stop(delivery);
        if (delivery.Status != DeliveryStatuses.Pending)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        var outcome = await PostAsync(endpoint, delivery, now, cancellationToken);
        await RecordAsync(endpoint, delivery, outcome, now, cancellationToken);
    }

    private async Task<Outcome> PostAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(delivery.Payload));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString());
        request.Headers.Add("webhook-signature", WebhookSignature.Header(secrets.Signing(endpoint, now), delivery.MessageId, timestamp, delivery.Payload));
        request.Headers.UserAgent.ParseAdd(WebhookHttp.UserAgent);

        var client = http.CreateClient(WebhookHttp.ClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadStartAsync(response, timeout.Token);
            var error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            return new Outcome((int)response.StatusCode, error, body, WebhookHttp.RetryAfter(response, now), Elapsed(watch));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(null, $"timed out after {options.Value.Timeout.TotalSeconds:0} s", null, null, Elapsed(watch));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // A refused address, DNS, a refused or reset connection, an answer cut off: a failed attempt like any other.
            return new Outcome(null, WebhookHttp.Describe(e), null, null, Elapsed(watch));
        }
    }

    private async Task RecordAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, Outcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        delivery.Attempts++;
        delivery.LastStatusCode = outcome.StatusCode;
        delivery.LastError = outcome.Error;
        var endpoints = db.Endpoints.Where(e => e.Id == endpoint.Id);
        if (outcome.Succeeded)
        {
            delivery.Status = DeliveryStatuses.Succeeded;
            delivery.NextAttemptAt = null;
            delivery.CompletedAt = now;
            await endpoints.Where(e => e.FailingSince != null).ExecuteUpdateAsync(set => set.SetProperty(e => e.FailingSince, (DateTimeOffset?)null), cancellationToken);
        }
        else if (outcome.StatusCode == (int)HttpStatusCode.Gone)
        {
            await DisableAsync(endpoint, DisabledReasons.Gone, now, cancellationToken);
            Stop(delivery);
        }
        else
        {
            await endpoints.ExecuteUpdateAsync(set => set.SetProperty(e => e.FailingSince, e => e.FailingSince ?? now), cancellationToken);
            if (await endpoints.AnyAsync(e => e.FailingSince <= now - WebhookEndpoint.FailingLimit, cancellationToken))
            {
                await DisableAsync(endpoint, DisabledReasons.Failing, now, cancellationToken);
                Stop(delivery);
            }
            else if (RetrySchedule.After(delivery.Attempts, options.Value.EffectiveRetryDelays, outcome.RetryAfter) is { } wait)
            {
                delivery.NextAttemptAt = now + wait;
            }
            else
            {
                delivery.Status = DeliveryStatuses.Failed;
                delivery.NextAttemptAt = null;
                delivery.CompletedAt = now;
            }
        }

        db.Attempts.Add(new DeliveryAttempt
        {
            Id = Guid.CreateVersion7(now),
            DeliveryId = delivery.Id,
            Number = delivery.Attempts,
            AttemptedAt = now,
            StatusCode = outcome.StatusCode,
            DurationMs = outcome.DurationMs,
            Error = outcome.Error,
            ResponseBody = outcome.ResponseBody,
            NextAttemptAt = delivery.NextAttemptAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Disables the endpoint and stops its pending deliveries. Only the call that actually disabled it
    /// tells the managers, so two deliveries failing at once send one email.
    /// </summary>
    private async Task DisableAsync(WebhookEndpoint endpoint, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var disabled = await db.Endpoints.Where(e => e.Id == endpoint.Id && e.DisabledAt == null).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.DisabledAt, now).SetProperty(e => e.DisabledReason, reason).SetProperty(e => e.UpdatedAt, now), cancellationToken) == 1;
        await db.Deliveries.Where(d => d.EndpointId == endpoint.Id && d.Status == DeliveryStatuses.Pending).ExecuteUpdateAsync(set => set
            .SetProperty(d => d.Status, DeliveryStatuses.Disabled).SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null), cancellationToken);
        if (disabled && reason == DisabledReasons.Failing)
        {
            db.Publish(new WebhookDisabledForFailing(Guid.CreateVersion7(now), endpoint.TenantId, now, endpoint.Id));
        }
    }

    private static void Stop(WebhookDelivery delivery)
    {
        delivery.Status = DeliveryStatuses.Disabled;
        delivery.NextAttemptAt = null;
    }

    /// <summary>The first kilobyte of the answer, for the delivery log.</summary>
    private static async Task<string?> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[DeliveryAttempt.MaxResponseBodyBytes];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is > 0 and var count) read += count;
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", "");
    }

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);
}
