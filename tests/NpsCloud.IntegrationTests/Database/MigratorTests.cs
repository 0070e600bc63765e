using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Database;

public sealed class MigratorTests : IAsyncLifetime
{
    private readonly string _migrations = Directory.CreateTempSubdirectory("nps-migrator-").FullName;
    private readonly SqlMigrator _migrator = new(NullLogger<SqlMigrator>.Instance);
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateEmptyAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_migrations, recursive: true);
    }

    [Fact]
    public async Task Files_are_applied_in_number_order_each_once_with_their_checksum_recorded()
    {
        Write("0002_add_note.sql", "alter table demo.things add column note text;");
        Write("0001_create.sql", "create schema demo; create table demo.things (id int primary key);");
        Write("0010_seed.sql", "insert into demo.things (id, note) values (1, 'first');");

        var first = await MigrateAsync();
        var second = await MigrateAsync();

        Assert.Equal(["0001_create.sql", "0002_add_note.sql", "0010_seed.sql"], first.Applied);
        Assert.Empty(second.Applied);
        Assert.Equal(1L, await _database.ScalarAsAdminAsync<long>("select count(*) from demo.things"));
        Assert.Equal(3L, await _database.ScalarAsAdminAsync<long>("select count(distinct checksum) from platform.schema_migrations"));
    }

    [Fact]
    public async Task An_edited_applied_migration_is_refused_naming_the_file()
    {
        Write("0001_create.sql", "create schema demo; create table demo.things (id int primary key);");
        Write("0002_more.sql", "create table demo.more (id int);");
        await MigrateAsync();

        Write("0002_more.sql", "create table demo.more (id bigint);");
        Write("0003_new.sql", "create table demo.newer (id int);");

        var refused = await Assert.ThrowsAsync<MigrationChangedException>(MigrateAsync);
        Assert.Equal(["0002_more.sql"], refused.Files);
        Assert.Contains("0002_more.sql", refused.Message);
        // Nothing after the refusal ran.
        Assert.Equal(0L, await _database.ScalarAsAdminAsync<long>("select count(*) from pg_tables where tablename = 'newer'"));
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_whole_and_named()
    {
        Write("0001_create.sql", "create schema demo; create table demo.things (id int primary key);");
        Write("0002_broken.sql", "create table demo.half (id int); insert into demo.missing values (1);");

        var failed = await Assert.ThrowsAsync<MigrationFailedException>(MigrateAsync);

        Assert.Contains("0002_broken.sql", failed.Message);
        Assert.Equal(0L, await _database.ScalarAsAdminAsync<long>("select count(*) from pg_tables where tablename = 'half'"));
        Assert.Equal(1L, await _database.ScalarAsAdminAsync<long>("select count(*) from platform.schema_migrations"));
    }

    [Fact]
    public async Task Hosts_migrating_at_the_same_moment_apply_each_file_once()
    {
        // Not idempotent on purpose: a second application would fail.
        Write("0001_create.sql", "create schema demo; create table demo.things (id int primary key);");
        Write("0002_seed.sql", "insert into demo.things values (1), (2), (3);");

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(MigrateAsync)));

        Assert.Equal(2, runs.Sum(r => r.Applied.Count));
        Assert.Equal(3L, await _database.ScalarAsAdminAsync<long>("select count(*) from demo.things"));
    }

    [Fact]
    public async Task The_application_role_may_read_and_write_data_but_not_change_the_schema_or_the_history()
    {
        Write("0001_create.sql", "create schema demo; create table demo.things (id int primary key);");
        await MigrateAsync();

        await using var app = new NpgsqlConnection(_database.AppConnectionString);
        await app.OpenAsync();
        await Execute(app, "insert into demo.things values (1)");
        Assert.Equal(1L, (long)(await new NpgsqlCommand("select count(*) from demo.things", app).ExecuteScalarAsync())!);

        var create = await Assert.ThrowsAsync<PostgresException>(() => Execute(app, "create table demo.sneaky (id int)"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, create.SqlState);
        var rewrite = await Assert.ThrowsAsync<PostgresException>(() => Execute(app, "delete from platform.schema_migrations"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, rewrite.SqlState);
    }

    private Task<MigrationResult> MigrateAsync() =>
        _migrator.MigrateAsync(_database.OwnerConnectionString, _migrations, TestDatabase.AppRole);

    private void Write(string name, string sql) => File.WriteAllText(Path.Combine(_migrations, name), sql);

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
