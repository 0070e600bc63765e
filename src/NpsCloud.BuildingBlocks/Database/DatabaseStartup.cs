using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace NpsCloud.BuildingBlocks.Database;

/// <summary>
/// Runs before anything else starts (web server, scheduler, outbox): applies the migrations and checks
/// that the database roles give the isolation the product promises. Any failure stops the host with a
/// message that says what to fix.
/// </summary>
internal sealed class DatabaseStartup(
    DatabaseOptions database, AppDataSource dataSource, SqlMigrator migrator, ILogger<DatabaseStartup> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (database.MigrateOnStartup)
            {
                var result = await migrator.MigrateAsync(database.MigrationsConnectionString, database.MigrationsDirectory, database.AppRole, cancellationToken);
                logger.LogInformation("Database schema is current: {Applied} migration(s) applied now, {Total} in all",
                    result.Applied.Count, result.Total);
            }

            await VerifyRolesAsync(cancellationToken);
        }
        catch (Exception e) when (e is MigrationFailedException or DatabaseRoleException)
        {
            logger.LogCritical("The host cannot start: {Reason}", e.Message);
            throw;
        }
    }

    /// <summary>
    /// The application role must be subject to row-level security; the owner of the cross-tenant
    /// functions (the migration role) must not be, or those functions would see nothing.
    /// </summary>
    private async Task VerifyRolesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            select me.rolsuper or me.rolbypassrls,
                   owner.rolsuper or owner.rolbypassrls
            from pg_roles me, pg_proc p join pg_roles owner on owner.oid = p.proowner
            where me.rolname = current_user and p.oid = 'platform.claim_outbox_messages'::regproc
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new DatabaseRoleException("The database has no platform schema; run the migrations first.");
        }

        if (reader.GetBoolean(0))
        {
            throw new DatabaseRoleException(
                $"The application role '{database.AppRole}' is a superuser or has BYPASSRLS, so row-level security would not isolate tenants. " +
                "Connect the application (NPS_DATABASE_URL) as a role without either, and run migrations (NPS_MIGRATIONS_DATABASE_URL) as the owner role; see docs/operations.md.");
        }

        if (!reader.GetBoolean(1))
        {
            throw new DatabaseRoleException(
                $"The migration role '{database.MigrationsRole}' needs BYPASSRLS: it owns the few functions that cross tenants on purpose (such as the outbox claim). " +
                "Set NPS_MIGRATIONS_DATABASE_URL to a role with BYPASSRLS; see docs/operations.md.");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class DatabaseRoleException(string message) : Exception(message);
