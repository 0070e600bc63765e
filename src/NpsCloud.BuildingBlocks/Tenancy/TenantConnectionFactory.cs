using Npgsql;
using NpsCloud.BuildingBlocks.Database;

namespace NpsCloud.BuildingBlocks.Tenancy;

/// <summary>Opens an application-role connection for raw ADO.NET work (COPY, bulk SQL) with the scope's tenant set.</summary>
public sealed class TenantConnectionFactory(AppDataSource dataSource, ITenantContext tenant)
{
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await TenantSession.ApplyAsync(connection, tenant.TenantId, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
