using NpsCloud.BuildingBlocks.Database;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Host;

/// <summary>A host that cannot run safely does not start, and says why.</summary>
public sealed class StartupRefusalTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Editing_an_applied_migration_makes_the_host_refuse_to_start_naming_the_file()
    {
        var edited = Directory.CreateTempSubdirectory("nps-edited-migrations-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(RepositoryPaths.Migrations, "*.sql"))
            {
                File.Copy(file, Path.Combine(edited, Path.GetFileName(file)));
            }

            await File.AppendAllTextAsync(Path.Combine(edited, "0001_platform.sql"), "\n-- an innocent-looking edit\n");
            await using var app = new NpsAppFactory(_database).WithSetting("Database:MigrationsPath", edited);

            var refused = Assert.Throws<MigrationChangedException>(() => app.Server);

            Assert.Contains("0001_platform.sql", refused.Message);
        }
        finally
        {
            Directory.Delete(edited, recursive: true);
        }
    }

    [Fact]
    public async Task A_mail_gateway_address_range_that_does_not_parse_makes_the_host_refuse_to_start_naming_it()
    {
        await using var app = new NpsAppFactory(_database).WithSetting("Responses:AutomatedClients:AddressRanges", "40.92.0.0/15, 40.107.0.0/sixteen");

        var refused = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("40.107.0.0/sixteen", refused.ToString());
    }

    [Fact]
    public async Task An_application_role_that_bypasses_row_level_security_is_refused()
    {
        // The owner role has BYPASSRLS: as the application role it would see every tenant.
        await using var app = new NpsAppFactory(_database).WithSetting("ConnectionStrings:App", _database.OwnerConnectionString);

        var refused = Assert.Throws<DatabaseRoleException>(() => app.Server);

        Assert.Contains("row-level security would not isolate tenants", refused.Message);
    }

    [Fact]
    public async Task Migrating_as_the_restricted_application_role_is_refused_saying_what_to_set()
    {
        var fresh = await TestDatabase.CreateEmptyAsync();
        try
        {
            await using var app = new NpsAppFactory(fresh).WithSetting("ConnectionStrings:Migrations", fresh.AppConnectionString);

            var refused = Assert.Throws<MigrationFailedException>(() => app.Server);

            Assert.Contains(TestDatabase.AppRole, refused.Message);
            Assert.Contains("NPS_MIGRATIONS_DATABASE_URL", refused.Message);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_migration_role_without_bypassrls_is_refused()
    {
        // Migrations and application as the one restricted role: the cross-tenant functions would see nothing.
        var fresh = await TestDatabase.CreateEmptyAsync();
        try
        {
            await fresh.ExecuteAsAdminAsync($"grant create on database {fresh.Name} to {TestDatabase.AppRole}");
            await using var app = new NpsAppFactory(fresh).WithSetting("ConnectionStrings:Migrations", fresh.AppConnectionString);

            var refused = Assert.Throws<DatabaseRoleException>(() => app.Server);

            Assert.Contains("needs BYPASSRLS", refused.Message);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_production_host_without_a_data_protection_key_file_is_refused_saying_what_to_set()
    {
        await using var app = new NpsAppFactory(_database).WithEnvironment("Production").WithSetting(DataProtectionKeyFile.ConfigurationKey, null);

        var refused = Assert.Throws<DataProtectionKeyFileException>(() => app.Server);

        Assert.Contains("NPS_KEY_FILE", refused.Message);
    }

    [Fact]
    public async Task A_key_file_that_holds_no_256_bit_key_is_refused_naming_the_line()
    {
        var keyFile = TestKeyFile.Create("# a comment\nbm90IGEga2V5\n");
        try
        {
            await using var app = new NpsAppFactory(_database).WithSetting(DataProtectionKeyFile.ConfigurationKey, keyFile);

            var refused = Assert.Throws<DataProtectionKeyFileException>(() => app.Server);

            Assert.Contains("Line 2", refused.Message);
            Assert.Contains("32 (256 bits)", refused.Message);
        }
        finally
        {
            TestKeyFile.Delete(keyFile);
        }
    }
}
