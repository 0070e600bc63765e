using System.Data.Common;
using Npgsql;

namespace NpsCloud.BuildingBlocks.Tenancy;

/// <summary>
/// The one place the tenant reaches PostgreSQL: the <c>app.tenant_id</c> setting that every row-level
/// security policy compares with. An empty value matches no row, so a connection without a tenant sees
/// no tenant data (fails closed).
/// </summary>
public static class TenantSession
{
    public const string SettingName = "app.tenant_id";

    public static async Task ApplyAsync(DbConnection connection, Guid? tenantId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"select set_config('{SettingName}', @tenant, false)";
        command.Parameters.Add(new NpgsqlParameter("tenant", tenantId?.ToString() ?? ""));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static void Apply(DbConnection connection, Guid? tenantId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"select set_config('{SettingName}', @tenant, false)";
        command.Parameters.Add(new NpgsqlParameter("tenant", tenantId?.ToString() ?? ""));
        command.ExecuteNonQuery();
    }
}
