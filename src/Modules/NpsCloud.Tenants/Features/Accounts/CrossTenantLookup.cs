using NpsCloud.BuildingBlocks.Database;
using NpsCloud.Tenants.Features.ApiKeys;

namespace NpsCloud.Tenants.Features.Accounts;

/// <summary>
/// The narrow paths across tenants (security-definer functions of migration 0003), each used before a
/// tenant is known: signing in by email, a password reset link, an API key, an invitation link. Each
/// answers only which tenant (and row) to look in; the real lookup then runs under that tenant.
/// </summary>
internal sealed class CrossTenantLookup(AppDataSource dataSource)
{
    public async Task<(Guid TenantId, Guid UserId)?> UserByEmailAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        await using var command = dataSource.DataSource.CreateCommand("select tenant_id, user_id from tenants.find_user_by_email($1)");
        command.Parameters.AddWithValue(normalizedEmail);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetGuid(1)) : null;
    }

    /// <summary>Every tenant (for operator commands that serve them all).</summary>
    public async Task<IReadOnlyList<Guid>> TenantIdsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.DataSource.CreateCommand("select tenant_id from tenants.list_tenant_ids()");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    public async Task<Guid?> TenantOfUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.DataSource.CreateCommand("select tenants.find_user_tenant($1)");
        command.Parameters.AddWithValue(userId);
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    public async Task<ApiKeyRecord?> ApiKeyAsync(Guid keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.DataSource.CreateCommand("select tenant_id, secret_hash, scopes, revoked_at, department_ids, api_requests_per_minute from tenants.find_api_key($1)");
        command.Parameters.AddWithValue(keyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new ApiKeyRecord(reader.GetGuid(0), (byte[])reader[1], (string[])reader[2], reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), (Guid[])reader[4],
            reader.IsDBNull(5) ? null : reader.GetInt32(5));
    }

    public async Task<(Guid TenantId, Guid InvitationId)?> InvitationAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.DataSource.CreateCommand("select tenant_id, invitation_id from tenants.find_invitation($1)");
        command.Parameters.AddWithValue(tokenHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetGuid(1)) : null;
    }
}
