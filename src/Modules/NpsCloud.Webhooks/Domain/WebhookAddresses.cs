using System.Net;
using System.Net.Sockets;

namespace NpsCloud.Webhooks.Domain;

/// <summary>
/// Which addresses a webhook may be sent to. A company's URL must not reach into the network NpsCloud
/// runs in (server-side request forgery): loopback, private, link-local (the cloud metadata service at
/// 169.254.169.254 among them), carrier-grade NAT, unspecified, multicast and reserved addresses are
/// refused, and so are the IPv6 forms that embed such an IPv4 address: mapped, compatible, NAT64
/// (64:ff9b::/96), 6to4 (2002::/16) and Teredo (2001::/32) addresses are decoded and their IPv4
/// address judged by the IPv4 rules (a tunnel or translator would deliver to it). The local-use NAT64
/// prefix 64:ff9b:1::/48 is refused outright: it only exists inside an operator's network, and where
/// the IPv4 address sits in it depends on that operator's prefix length.
/// </summary>
internal static class WebhookAddresses
{
    private static readonly (IPAddress Network, int Bits)[] RefusedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),        // "this network", unspecified
        (IPAddress.Parse("10.0.0.0"), 8),       // private
        (IPAddress.Parse("100.64.0.0"), 10),    // carrier-grade NAT
        (IPAddress.Parse("127.0.0.0"), 8),      // loopback
        (IPAddress.Parse("169.254.0.0"), 16),   // link-local, cloud metadata
        (IPAddress.Parse("172.16.0.0"), 12),    // private
        (IPAddress.Parse("192.0.0.0"), 24),     // IETF protocol assignments
        (IPAddress.Parse("192.168.0.0"), 16),   // private
        (IPAddress.Parse("198.18.0.0"), 15),    // benchmarking
        (IPAddress.Parse("224.0.0.0"), 4),      // multicast
        (IPAddress.Parse("240.0.0.0"), 4),      // reserved, broadcast
    ];

    private static readonly (IPAddress Network, int Bits)[] RefusedV6 =
    [
        (IPAddress.Parse("::"), 127),           // unspecified and loopback
        (IPAddress.Parse("fc00::"), 7),         // unique local (private)
        (IPAddress.Parse("fe80::"), 10),        // link-local
        (IPAddress.Parse("fec0::"), 10),        // site-local (deprecated)
        (IPAddress.Parse("ff00::"), 8),         // multicast
        (IPAddress.Parse("64:ff9b:1::"), 48),   // local-use NAT64 (RFC 8215)
    ];

    /// <summary>Prefixes that carry an IPv4 address in their last 32 bits: mapped, compatible and well-known NAT64.</summary>
    private static readonly (IPAddress Network, int Bits)[] EmbeddingV4 =
    [
        (IPAddress.Parse("::ffff:0:0"), 96),
        (IPAddress.Parse("::"), 96),
        (IPAddress.Parse("64:ff9b::"), 96),
    ];

    private static readonly (IPAddress Network, int Bits) SixToFour = (IPAddress.Parse("2002::"), 16);

    private static readonly (IPAddress Network, int Bits) Teredo = (IPAddress.Parse("2001::"), 32);

    public static bool IsAllowed(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return !RefusedV4.Any(range => Within(address, range));
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        if (RefusedV6.Any(range => Within(address, range))) return false;
        var bytes = address.GetAddressBytes();
        if (EmbeddingV4.Any(range => Within(address, range))) return IsAllowed(new IPAddress(bytes[12..]));

        // 6to4: the relay sends to the IPv4 address in bits 16-47.
        if (Within(address, SixToFour)) return IsAllowed(new IPAddress(bytes[2..6]));

        // Teredo: the server's IPv4 address in bits 32-63, the client's in the last 32 bits with every bit
        // inverted. Both are reached, so both must pass.
        if (Within(address, Teredo))
        {
            var client = bytes[12..].Select(b => (byte)~b).ToArray();
            return IsAllowed(new IPAddress(bytes[4..8])) && IsAllowed(new IPAddress(client));
        }

        return true;
    }

    /// <summary>An address written as a literal IP that the connect-time guard would refuse anyway: said when it is added, not at the first send.</summary>
    public static bool IsRefusedLiteral(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !IsAllowed(address);

    private static bool Within(IPAddress address, (IPAddress Network, int Bits) range)
    {
        var bytes = address.GetAddressBytes();
        var network = range.Network.GetAddressBytes();
        if (bytes.Length != network.Length) return false;
        for (var bit = 0; bit < range.Bits; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
        }

        return true;
    }
}

/// <summary>The receiver's address is one webhooks may not be sent to (see <see cref="WebhookAddresses"/>).</summary>
internal sealed class AddressNotAllowedException(string host, IEnumerable<IPAddress> addresses)
    : Exception($"address not allowed: {host} is {string.Join(", ", addresses)}, a private, loopback, link-local or reserved address");
