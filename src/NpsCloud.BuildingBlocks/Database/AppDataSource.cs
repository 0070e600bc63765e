using Npgsql;

namespace NpsCloud.BuildingBlocks.Database;

/// <summary>
/// The pooled data source of the application role, shared by every module's DbContext and by raw ADO.NET
/// code. It keeps Npgsql's pool reset on (never <c>No Reset On Close</c>) so a tenant set on one use of a
/// physical connection never survives into the next.
/// </summary>
public sealed class AppDataSource : IAsyncDisposable
{
    public AppDataSource(DatabaseOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.AppConnectionString);
        if (builder.NoResetOnClose)
        {
            throw new InvalidOperationException(
                "The application connection string sets 'No Reset On Close'; the tenant set on a connection would leak into its next use. Remove it.");
        }

        builder.ApplicationName ??= "npscloud";
        DataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
