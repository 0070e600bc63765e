using Microsoft.Extensions.Configuration;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.UnitTests.Hosting;

public sealed class PublicLinksTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Links_in_emails_use_the_public_url_when_one_is_set()
    {
        var settings = Settings(("PublicUrl", "https://nps.example.com"), ("urls", "http://0.0.0.0:8080"));

        Assert.Equal("https://nps.example.com/", new PublicLinks(settings).Base.ToString());
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://*:9000;https://*:9001", "http://127.0.0.1:9000/")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    public void Without_a_public_url_links_use_the_first_listen_address_made_reachable(string urls, string expected) =>
        Assert.Equal(expected, new PublicLinks(Settings(("urls", urls))).Base.ToString());

    [Fact]
    public void Links_are_absolute_under_the_base()
    {
        var links = new PublicLinks(Settings(("PublicUrl", "https://nps.example.com/app/")));

        Assert.Equal("https://nps.example.com/app/login?x=1", links.To("/login?x=1").ToString());
    }

    [Fact]
    public void The_default_listen_address_is_loopback_port_5080() =>
        Assert.Equal("http://127.0.0.1:5080/", PublicLinks.LocalUrl(Settings()).ToString());
}
