using Npgsql;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Database;

/// <summary>The database itself keeps tenants apart, whatever the application code asks.</summary>
public sealed class RowLevelSecurityTests : IAsyncLifetime
{
    private static readonly Guid TenantA = Guid.NewGuid();
    private static readonly Guid TenantB = Guid.NewGuid();
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.ExecuteAsAdminAsync($"""
            insert into platform.inbox_messages (tenant_id, handler, event_id, handled_at) values
              ('{TenantA}', 'a-handler', gen_random_uuid(), now()),
              ('{TenantB}', 'b-handler', gen_random_uuid(), now());
            """);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task The_application_role_sees_only_the_rows_of_the_tenant_set_on_its_connection()
    {
        await using var connection = await OpenAsync(TenantA);

        Assert.Equal(["a-handler"], await HandlersAsync(connection));
    }

    [Fact]
    public async Task A_connection_without_a_tenant_sees_no_tenant_rows()
    {
        await using var connection = await OpenAsync(null);

        Assert.Empty(await HandlersAsync(connection));
    }

    [Fact]
    public async Task Writing_a_row_for_another_tenant_is_refused()
    {
        await using var connection = await OpenAsync(TenantA);
        await using var insert = new NpgsqlCommand(
            $"insert into platform.inbox_messages values ('{TenantB}', 'smuggled', gen_random_uuid(), now())", connection);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Contains("row-level security", refused.MessageText);
    }

    [Fact]
    public async Task The_tenant_does_not_survive_into_the_next_use_of_a_pooled_connection()
    {
        // A pool of one, so the second open must reuse the first one's physical connection.
        var onePhysicalConnection = new NpgsqlConnectionStringBuilder(_database.AppConnectionString)
        {
            MaxPoolSize = 1,
            ApplicationName = "rls-pool-test",
        }.ConnectionString;
        int firstBackend;
        await using (var first = new NpgsqlConnection(onePhysicalConnection))
        {
            await first.OpenAsync();
            await TenantSession.ApplyAsync(first, TenantA, CancellationToken.None);
            firstBackend = await BackendAsync(first);
            Assert.Single(await HandlersAsync(first));
        }

        await using var second = new NpgsqlConnection(onePhysicalConnection);
        await second.OpenAsync();
        Assert.Equal(firstBackend, await BackendAsync(second));
        Assert.Empty(await HandlersAsync(second));
    }

    private async Task<NpgsqlConnection> OpenAsync(Guid? tenant)
    {
        var connection = new NpgsqlConnection(_database.AppConnectionString);
        await connection.OpenAsync();
        await TenantSession.ApplyAsync(connection, tenant, CancellationToken.None);
        return connection;
    }

    private static async Task<int> BackendAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("select pg_backend_pid()", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> HandlersAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("select handler from platform.inbox_messages order by handler", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var handlers = new List<string>();
        while (await reader.ReadAsync()) handlers.Add(reader.GetString(0));
        return handlers;
    }
}
