using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Host.Health;

/// <summary>
/// <c>dotnet NpsCloud.Host.dll healthcheck</c>: asks the running host's <c>/health/ready</c> and exits 0
/// when it answers 200. For container health checks in images that have no curl.
/// </summary>
internal static class HealthProbe
{
    public static async Task<int> RunAsync(IConfiguration configuration)
    {
        var listen = PublicLinks.LocalUrl(configuration);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(new Uri(listen, "health/ready"));
            Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"{listen} does not answer: {e.Message}");
            return 1;
        }
    }
}
