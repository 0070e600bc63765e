using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpsCloud.BuildingBlocks.Database;

namespace NpsCloud.Testing;

/// <summary>
/// A database of its own for one test class, copied from a template migrated once per test run
/// (<c>CREATE DATABASE x TEMPLATE t</c>: our stand-in for Respawn). It has the production roles: an owner
/// with BYPASSRLS that ran the migrations, and an application role subject to row-level security.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string OwnerRole = "nps_test_owner";
    public const string AppRole = "nps_test_app";
    private const string OwnerPassword = "owner-test-password";
    private const string AppPassword = "app-test-password";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    private readonly TestPostgres _server;

    private TestDatabase(TestPostgres server, string name)
    {
        _server = server;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The application role: what the host uses for everything but migrations.</summary>
    public string AppConnectionString => _server.ConnectionString(Name, AppRole, AppPassword);

    /// <summary>The owner (migration) role.</summary>
    public string OwnerConnectionString => _server.ConnectionString(Name, OwnerRole, OwnerPassword);

    /// <summary>A superuser, for test set-up that needs to see every tenant.</summary>
    public string AdminConnectionString => _server.ConnectionString(Name);

    /// <summary>A migrated database (from the template).</summary>
    public static Task<TestDatabase> CreateAsync() => CreateAsync(migrated: true);

    /// <summary>An empty database owned by the owner role (for migrator and schema tests).</summary>
    public static Task<TestDatabase> CreateEmptyAsync() => CreateAsync(migrated: false);

    private static async Task<TestDatabase> CreateAsync(bool migrated)
    {
        var server = await TestPostgres.InstanceAsync();
        await EnsureRolesAsync(server);
        var template = migrated ? await TemplateAsync(server) : "template0";
        var name = $"nps_test_{Guid.NewGuid():N}"[..30];
        await TemplateLock.WaitAsync();
        try
        {
            // Copying a template needs no other session on it; the lock keeps this process's copies in line.
            await AdminExecuteAsync(server, $"create database {name} template {template} owner {OwnerRole}");
        }
        finally
        {
            TemplateLock.Release();
        }

        return new TestDatabase(server, name);
    }

    public async Task ExecuteAsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsAdminAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The first column of every row as text, sorted ordinally: for comparing two queries' results line by line.</summary>
    public async Task<List<string>> LinesAsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        await AdminExecuteAsync(_server, $"drop database if exists {Name} with (force)");
    }

    private static async Task<string> TemplateAsync(TestPostgres server)
    {
        if (_template is not null) return _template;
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var name = $"nps_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
            await AdminExecuteAsync(server, $"create database {name} template template0 owner {OwnerRole}");
            var owner = server.ConnectionString(name, OwnerRole, OwnerPassword);
            await new SqlMigrator(NullLogger<SqlMigrator>.Instance).MigrateAsync(new NpgsqlConnectionStringBuilder(owner) { Pooling = false }.ConnectionString,
                RepositoryPaths.Migrations, AppRole);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    AdminExecuteAsync(server, $"drop database if exists {name} with (force)").GetAwaiter().GetResult();
                }
                catch (NpgsqlException)
                {
                    // This process's throwaway cluster stopped first (its handler was registered first): the template went with it.
                }
            };
            return _template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>Cluster-wide roles, shared by every test process on the server (creation tolerates a race).</summary>
    private static Task EnsureRolesAsync(TestPostgres server) => AdminExecuteAsync(server, $"""
        do $$ begin
            create role {OwnerRole} login bypassrls password '{OwnerPassword}';
        exception when duplicate_object or unique_violation then null; end $$;
        do $$ begin
            create role {AppRole} login nosuperuser nobypassrls nocreatedb nocreaterole password '{AppPassword}';
        exception when duplicate_object or unique_violation then null; end $$;
        """);

    private static async Task AdminExecuteAsync(TestPostgres server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
