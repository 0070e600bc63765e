using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Host.Configuration;

/// <summary>
/// The short environment names the README documents (NPS_DATABASE_URL, NPS_URLS, ...), mapped onto
/// ordinary ASP.NET Core configuration keys. Added right after the environment variables, so
/// appsettings and ASPNETCORE_/DOTNET_ variables are overridden by them and command-line arguments win.
/// </summary>
public static class NpsEnvironment
{
    private static readonly (string Variable, string Key)[] Names =
    [
        ("NPS_DATABASE_URL", "ConnectionStrings:App"),
        ("NPS_MIGRATIONS_DATABASE_URL", "ConnectionStrings:Migrations"),
        ("NPS_URLS", "urls"),
        ("NPS_PUBLIC_URL", "PublicUrl"),
        ("NPS_DATA_DIR", "DataDirectory"),
        ("NPS_SMTP_HOST", "Email:Host"),
        ("NPS_SMTP_PORT", "Email:Port"),
        ("NPS_SMTP_FROM", "Email:From"),
        ("NPS_BEHIND_PROXY", "BehindProxy"),
        ("NPS_WEBHOOKS_ALLOW_PRIVATE", "Webhooks:AllowPrivate"),
        (DataProtectionKeyFile.EnvironmentVariable, DataProtectionKeyFile.ConfigurationKey),
    ];

    public static IReadOnlyList<(string Variable, string Key)> Variables => Names;

    public static WebApplicationBuilder AddNpsEnvironment(this WebApplicationBuilder builder, string[] args)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (variable, key) in Names)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrWhiteSpace(value)) values[key] = value;
        }

        if (!values.ContainsKey("urls") && string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            values["urls"] = PublicLinks.DefaultUrls;
        }

        builder.Configuration.AddInMemoryCollection(values);
        // Command-line arguments keep the last word.
        builder.Configuration.AddCommandLine(args);
        return builder;
    }

    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration["DataDirectory"] is { Length: > 0 } directory ? directory : ".data");
}
