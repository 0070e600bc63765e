using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NpsCloud.Webhooks.Domain;
using NpsCloud.Webhooks.Features.ChatChannels;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks.Delivery;

/// <summary>
/// Sends one claimed chat post through the webhooks' HTTP client (no redirects, no proxy, the private-address
/// guard at connect time) and records how it went. A 2xx is a success. A 4xx other than 408 and 429 means
/// the channel will never take it (a revoked or mistyped address, a refused payload): the post fails at
/// once. Anything else (a 5xx, 408, 429, a timeout, a refused address, a network error) is retried on
/// <see cref="RetrySchedule"/>, honouring a longer Retry-After, until the schedule ends.
/// </summary>
internal sealed class ChatSender(WebhooksDbContext db, ChatAddressProtector addresses, IHttpClientFactory http, IOptions<WebhookOptions> options, TimeProvider clock)
{
    private sealed record Outcome(int? StatusCode, string? Error, TimeSpan? RetryAfter)
    {
        public bool Succeeded => StatusCode is >= 200 and < 300;

        public bool Permanent => StatusCode is >= 400 and < 500 and not ((int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests);
    }

    public async Task SendAsync(Guid postId, CancellationToken cancellationToken)
    {
        var post = await db.ChatPosts.FirstOrDefaultAsync(p => p.Id == postId, cancellationToken);
        if (post is null) return; // its channel was deleted meanwhile
        post.LockedUntil = null;
        if (post.Status != DeliveryStatuses.Pending)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var channel = await db.ChatChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == post.ChannelId, cancellationToken);
        if (channel is null) return; // deleted meanwhile, and its posts with it
        var now = clock.GetUtcNow();
        var outcome = await PostAsync(addresses.Unprotect(channel.Url), post, now, cancellationToken);
        post.Attempts++;
        post.LastStatusCode = outcome.StatusCode;
        post.LastError = outcome.Error;
        if (outcome.Succeeded || outcome.Permanent)
        {
            post.Status = outcome.Succeeded ? DeliveryStatuses.Succeeded : DeliveryStatuses.Failed;
            post.NextAttemptAt = null;
            post.CompletedAt = now;
        }
        else if (RetrySchedule.After(post.Attempts, options.Value.EffectiveRetryDelays, outcome.RetryAfter) is { } wait)
        {
            post.NextAttemptAt = now + wait;
        }
        else
        {
            post.Status = DeliveryStatuses.Failed;
            post.NextAttemptAt = null;
            post.CompletedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The channel was deleted while the post was on its way: there is nothing left to record.
        }
    }

    private async Task<Outcome> PostAsync(string url, ChatPost post, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(post.Payload));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd(WebhookHttp.UserAgent);

        var client = http.CreateClient(WebhookHttp.ClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            return new Outcome((int)response.StatusCode, error, WebhookHttp.RetryAfter(response, now));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(null, $"timed out after {options.Value.Timeout.TotalSeconds:0} s", null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new Outcome(null, WebhookHttp.Describe(e), null);
        }
    }
}
