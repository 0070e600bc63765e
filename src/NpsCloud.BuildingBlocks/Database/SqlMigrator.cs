using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace NpsCloud.BuildingBlocks.Database;

/// <summary>
/// Applies the numbered SQL files of <c>migrations/</c> in order, each in its own transaction, and
/// records a checksum of each. It refuses to go on when an applied file has since been edited, and holds a
/// PostgreSQL advisory lock for the whole run so that hosts starting together apply each file once.
/// After migrating it grants the application role what it needs on every schema (and nothing more).
/// </summary>
public sealed partial class SqlMigrator(ILogger<SqlMigrator> logger)
{
    // An arbitrary constant: the advisory lock every host takes before migrating.
    private const long AdvisoryLockKey = 0x4E5053_4D494752; // "NPS MIGR"

    public async Task<MigrationResult> MigrateAsync(
        string ownerConnectionString, string migrationsDirectory, string? appRole, CancellationToken cancellationToken = default)
    {
        var files = ReadMigrationFiles(migrationsDirectory);

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"select pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            try
            {
                await ExecuteAsync(connection, """
                    create schema if not exists platform;
                    create table if not exists platform.schema_migrations (
                        version integer primary key,
                        name text not null,
                        checksum text not null,
                        applied_at timestamptz not null default now()
                    );
                    """, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new MigrationFailedException(
                    $"The role '{new NpgsqlConnectionStringBuilder(ownerConnectionString).Username}' may not create the schema ({e.MessageText}). " +
                    "Migrations run as the owner role: set NPS_MIGRATIONS_DATABASE_URL to it (see docs/operations.md).", e);
            }

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            VerifyUnchanged(files, applied);

            var newlyApplied = new List<string>();
            foreach (var file in files.Where(f => !applied.ContainsKey(f.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                try
                {
                    await ExecuteAsync(connection, file.Sql, cancellationToken, transaction);
                }
                catch (PostgresException e)
                {
                    throw new MigrationFailedException(
                        $"Migration {file.Name} failed: {e.MessageText}{(e.Position > 0 ? $" (at character {e.Position})" : "")}", e);
                }

                await using (var record = new NpgsqlCommand(
                    "insert into platform.schema_migrations (version, name, checksum) values ($1, $2, $3)", connection, transaction))
                {
                    record.Parameters.AddWithValue(file.Version);
                    record.Parameters.AddWithValue(file.Name);
                    record.Parameters.AddWithValue(file.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                newlyApplied.Add(file.Name);
                logger.LogInformation("Applied migration {Migration}", file.Name);
            }

            var owner = new NpgsqlConnectionStringBuilder(ownerConnectionString).Username;
            if (appRole is not null && !string.Equals(appRole, owner, StringComparison.Ordinal))
            {
                await GrantApplicationRoleAsync(connection, appRole, cancellationToken);
            }

            return new MigrationResult(newlyApplied, files.Count);
        }
        finally
        {
            await ExecuteAsync(connection, $"select pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    internal static IReadOnlyList<MigrationFile> ReadMigrationFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new MigrationFailedException($"The migrations directory '{directory}' does not exist.");
        }

        var files = new List<MigrationFile>();
        foreach (var path in Directory.GetFiles(directory, "*.sql"))
        {
            var name = Path.GetFileName(path);
            var match = FileNamePattern().Match(name);
            if (!match.Success)
            {
                throw new MigrationFailedException(
                    $"Migration file '{name}' is not named NNNN_description.sql.");
            }

            files.Add(new MigrationFile(int.Parse(match.Groups[1].Value), name, File.ReadAllText(path)));
        }

        var duplicate = files.GroupBy(f => f.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationFailedException(
                $"Migrations {string.Join(" and ", duplicate.Select(f => f.Name))} share the number {duplicate.Key}.");
        }

        return files.OrderBy(f => f.Version).ToList();
    }

    private void VerifyUnchanged(IReadOnlyList<MigrationFile> files, Dictionary<int, (string Name, string Checksum)> applied)
    {
        var byVersion = files.ToDictionary(f => f.Version);
        var changed = new List<string>();
        foreach (var (version, record) in applied.OrderBy(a => a.Key))
        {
            if (!byVersion.TryGetValue(version, out var file))
            {
                // A database newer than this build (a rollback of the code, or a host not yet upgraded).
                logger.LogWarning("Applied migration {Migration} has no file in this build", record.Name);
                continue;
            }

            if (file.Checksum != record.Checksum)
            {
                changed.Add(file.Name);
            }
        }

        if (changed.Count > 0)
        {
            throw new MigrationChangedException(changed);
        }
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using var command = new NpgsqlCommand("select version, name, checksum from platform.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return applied;
    }

    /// <summary>
    /// Data access on every schema the migrations made, and nothing else: the application role creates no
    /// objects, owns none and cannot rewrite the migration history.
    /// </summary>
    private async Task GrantApplicationRoleAsync(NpgsqlConnection connection, string appRole, CancellationToken cancellationToken)
    {
        var role = QuoteIdentifier(appRole);
        var schemas = new List<string>();
        await using (var command = new NpgsqlCommand("""
            select nspname from pg_namespace
            where nspowner = current_user::regrole
              and nspname not like 'pg\_%' and nspname <> 'information_schema'
            order by nspname
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) schemas.Add(reader.GetString(0));
        }

        var sql = new StringBuilder();
        foreach (var schema in schemas.Select(QuoteIdentifier))
        {
            sql.AppendLine($"grant usage on schema {schema} to {role};");
            sql.AppendLine($"grant select, insert, update, delete on all tables in schema {schema} to {role};");
            sql.AppendLine($"grant usage, select, update on all sequences in schema {schema} to {role};");
            sql.AppendLine($"grant execute on all functions in schema {schema} to {role};");
        }

        sql.AppendLine($"revoke insert, update, delete, truncate on platform.schema_migrations from {role};");
        await ExecuteAsync(connection, sql.ToString(), cancellationToken);
        logger.LogDebug("Granted {Role} data access on {Schemas}", appRole, schemas);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    [GeneratedRegex(@"^(\d+)_[A-Za-z0-9_\-]+\.sql$")]
    private static partial Regex FileNamePattern();
}

public sealed record MigrationResult(IReadOnlyList<string> Applied, int Total);

internal sealed record MigrationFile(int Version, string Name, string Sql)
{
    // Line endings are normalised so a checkout with CRLF does not count as an edit.
    public string Checksum { get; } =
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.Replace("\r\n", "\n"))));
}

public class MigrationFailedException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class MigrationChangedException(IReadOnlyList<string> files) : MigrationFailedException(
    $"Applied migration{(files.Count > 1 ? "s" : "")} {string.Join(", ", files)} {(files.Count > 1 ? "were" : "was")} changed after being applied. " +
    "An applied migration must never be edited: restore the original file and put the change in a new, higher-numbered migration.")
{
    public IReadOnlyList<string> Files { get; } = files;
}
