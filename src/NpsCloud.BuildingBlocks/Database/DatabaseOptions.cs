using Microsoft.Extensions.Configuration;
using Npgsql;

namespace NpsCloud.BuildingBlocks.Database;

/// <summary>
/// The two database identities the host uses. Migrations run as an owner role that creates the schema;
/// the application runs as a role that owns nothing and is subject to row-level security.
/// </summary>
public sealed record DatabaseOptions(string AppConnectionString, string MigrationsConnectionString)
{
    /// <summary>Where the numbered SQL files are; by default the <c>migrations</c> folder shipped beside the binaries.</summary>
    public string MigrationsDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "migrations");

    /// <summary>Whether each host applies pending migrations as it starts (under the advisory lock).</summary>
    public bool MigrateOnStartup { get; init; } = true;

    public string AppRole => new NpgsqlConnectionStringBuilder(AppConnectionString).Username
        ?? throw new InvalidOperationException("The application connection string names no user.");

    public string MigrationsRole => new NpgsqlConnectionStringBuilder(MigrationsConnectionString).Username
        ?? throw new InvalidOperationException("The migrations connection string names no user.");

    /// <summary>
    /// Reads <c>ConnectionStrings:App</c>, <c>ConnectionStrings:Migrations</c> (default: the app one),
    /// <c>Database:MigrationsPath</c> and <c>Database:MigrateOnStartup</c>.
    /// </summary>
    public static DatabaseOptions FromConfiguration(IConfiguration configuration)
    {
        var app = configuration.GetConnectionString("App");
        if (string.IsNullOrWhiteSpace(app))
        {
            throw new InvalidOperationException(
                "No database is configured. Set NPS_DATABASE_URL (or ConnectionStrings:App), or start the product with './nps run', which starts an embedded PostgreSQL.");
        }

        var migrations = configuration.GetConnectionString("Migrations");
        var options = new DatabaseOptions(
            PostgresConnectionString.Normalize(app),
            PostgresConnectionString.Normalize(string.IsNullOrWhiteSpace(migrations) ? app : migrations));
        return options with
        {
            MigrationsDirectory = configuration["Database:MigrationsPath"] ?? options.MigrationsDirectory,
            MigrateOnStartup = configuration.GetValue("Database:MigrateOnStartup", options.MigrateOnStartup),
        };
    }
}

/// <summary>Accepts both Npgsql keyword strings and <c>postgres://user:password@host:port/database</c> URLs.</summary>
public static class PostgresConnectionString
{
    public static string Normalize(string value)
    {
        value = value.Trim();
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(value).ConnectionString;
        }

        var uri = new Uri(value);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0) builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length == 2) builder.Password = Uri.UnescapeDataString(userInfo[1]);

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            var setting = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = setting;
        }

        return builder.ConnectionString;
    }
}
