using System.Net;
using System.Net.Sockets;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.Webhooks.Delivery;

/// <summary>
/// The HTTP client webhooks are sent with: no redirects (a 3xx is a failure), no proxy, and the address
/// guard at connect time. The guard checks the addresses the name resolves to at the moment of
/// connecting and connects only to those, so a name that resolved to a public address when the endpoint
/// was created and to a private one now (DNS rebinding) is still refused.
/// </summary>
internal static class WebhookHttp
{
    public const string ClientName = "webhooks";

    public const string UserAgent = "NpsCloud-Webhooks/1";

    public static SocketsHttpHandler CreateHandler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        // A proxy would make the guard check the proxy's address instead of the receiver's.
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var resolved = IPAddress.TryParse(endPoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var allowed = allowPrivate ? resolved : resolved.Where(WebhookAddresses.IsAllowed).ToArray();
        if (allowed.Length == 0) throw new AddressNotAllowedException(endPoint.Host, resolved);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A 429 or 503's Retry-After, in seconds or as an HTTP date (webhooks and chat posts honour it alike).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)) return null;
        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
    }

    /// <summary>What a failed send records: the address guard's refusal when that was the cause, else the error's own message.</summary>
    public static string Describe(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is AddressNotAllowedException refused) return refused.Message;
        }

        return error.Message;
    }
}
