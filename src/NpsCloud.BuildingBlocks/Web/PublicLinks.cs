using Microsoft.Extensions.Configuration;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Absolute links for emails: under <c>PublicUrl</c> (NPS_PUBLIC_URL) when set, else under the first
/// listen address with a wildcard host made reachable.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public Uri Base => configuration["PublicUrl"] is { Length: > 0 } configured ? new Uri(configured.TrimEnd('/') + "/") : LocalUrl(configuration);

    /// <summary>An absolute link to a path of this site, e.g. <c>To("login")</c>.</summary>
    public Uri To(string relativePath) => new(Base, relativePath.TrimStart('/'));

    /// <summary>The first listen address (<c>urls</c>), with a wildcard host replaced by 127.0.0.1.</summary>
    public static Uri LocalUrl(IConfiguration configuration)
    {
        var first = (configuration["urls"] ?? DefaultUrls).Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        var reachable = first.Replace("://*", "://127.0.0.1").Replace("://+", "://127.0.0.1")
            .Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1");
        return new Uri(reachable.TrimEnd('/') + "/");
    }
}
