using NpsCloud.BuildingBlocks.Database;

namespace NpsCloud.Surveys.Features.Contacts;

/// <summary>The cross-tenant path for links in emails: the invitation whose token hashes to this (migration 0004).</summary>
internal sealed class InvitationLinks(AppDataSource dataSource)
{
    public async Task<(Guid TenantId, Guid InvitationId)?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        await using var command = dataSource.DataSource.CreateCommand("select tenant_id, invitation_id from surveys.find_invitation($1)");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = LinkTokens.Hash(token) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetGuid(1)) : null;
    }
}
