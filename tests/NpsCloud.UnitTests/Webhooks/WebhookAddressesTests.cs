using System.Net;
using NpsCloud.Webhooks.Domain;

namespace NpsCloud.UnitTests.Webhooks;

public sealed class WebhookAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("169.254.0.1")]
    [InlineData("100.64.0.1")]      // carrier-grade NAT
    [InlineData("100.127.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("224.0.0.1")]       // multicast
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]       // reserved
    [InlineData("255.255.255.255")] // broadcast
    [InlineData("192.0.0.8")]
    [InlineData("198.18.0.1")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]       // IPv4-mapped loopback
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.168.0.1")]
    [InlineData("::127.0.0.1")]            // IPv4-compatible
    [InlineData("64:ff9b::a9fe:a9fe")]     // NAT64 of 169.254.169.254
    [InlineData("64:ff9b::7f00:1")]        // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::10.0.0.1")]
    [InlineData("64:ff9b:1::1")]           // local-use NAT64: refused whatever it embeds
    [InlineData("64:ff9b:1:808:8:800::")]  // local-use NAT64 /48 form of 8.8.8.8: still refused
    [InlineData("2002:7f00:1::")]          // 6to4 of 127.0.0.1
    [InlineData("2002:a9fe:a9fe::1")]      // 6to4 of 169.254.169.254
    [InlineData("2002:c0a8:101:1::1")]     // 6to4 of 192.168.1.1
    [InlineData("2002:a00:1::")]           // 6to4 of 10.0.0.1
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")] // Teredo, client 127.0.0.1 (inverted), public server
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe")] // Teredo, client 10.0.0.1
    [InlineData("2001:0:4136:e378:8000:63bf:5601:5601")] // Teredo, client 169.254.169.254
    [InlineData("2001:0:a00:1:8000:63bf:f7f7:f7f7")]     // Teredo, server 10.0.0.1, public client 8.8.8.8
    [InlineData("2001:0:7f00:1::")]        // Teredo, server 127.0.0.1
    public void Loopback_private_link_local_and_reserved_addresses_are_refused(string address)
    {
        Assert.False(WebhookAddresses.IsAllowed(IPAddress.Parse(address)), address);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.216.34")]
    [InlineData("172.15.255.255")] // just below 172.16/12
    [InlineData("172.32.0.1")]     // just above it
    [InlineData("100.63.255.255")] // just below 100.64/10
    [InlineData("100.128.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("192.169.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]       // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")]        // 6to4 of 8.8.8.8
    [InlineData("2001:0:4136:e378:8000:63bf:f7f7:f7f7")] // Teredo, server 65.54.227.120, client 8.8.8.8
    [InlineData("2001:db9::1")]            // outside Teredo's 2001::/32
    [InlineData("2003::1")]                // just above 6to4's 2002::/16
    [InlineData("64:ff9b:2::1")]           // just above the local-use NAT64 /48
    [InlineData("fbff::1")]        // just below fc00::/7
    [InlineData("fe7f::1")]        // just below fe80::/10
    public void Public_addresses_are_allowed(string address)
    {
        Assert.True(WebhookAddresses.IsAllowed(IPAddress.Parse(address)), address);
    }
}
