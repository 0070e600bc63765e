using Npgsql;

namespace NpsCloud.BuildingBlocks.Database;

/// <summary>
/// A secret every host of an install shares (<c>platform.secrets</c>): the first host to ask creates it,
/// every other host reads the same value. Two hosts racing on the very first start: the loser's statement
/// cannot see the winner's row yet, so it asks again.
/// </summary>
public static class PlatformSecrets
{
    public static async Task<byte[]> GetOrCreateAsync(AppDataSource dataSource, string name, Func<byte[]> create, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var command = dataSource.DataSource.CreateCommand("""
                with created as (
                    insert into platform.secrets (name, value) values ($1, $2) on conflict (name) do nothing returning value)
                select value from created
                union all
                select value from platform.secrets where name = $1
                limit 1
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            command.Parameters.Add(new NpgsqlParameter { Value = create() });
            if (await command.ExecuteScalarAsync(cancellationToken) is byte[] value) return value;
        }
    }
}
