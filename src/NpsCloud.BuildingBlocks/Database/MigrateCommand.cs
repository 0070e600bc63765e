using NpsCloud.BuildingBlocks.Hosting;

namespace NpsCloud.BuildingBlocks.Database;

/// <summary><c>./nps admin migrate</c>: applies pending migrations and exits (what every host also does at start-up).</summary>
internal sealed class MigrateCommand(DatabaseOptions database, SqlMigrator migrator) : IAdminCommand
{
    public string Name => "migrate";

    public string Usage => "migrate                 apply pending SQL migrations and exit";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await migrator.MigrateAsync(database.MigrationsConnectionString, database.MigrationsDirectory, database.AppRole, cancellationToken);
        output.WriteLine(result.Applied.Count == 0
            ? $"The database is current ({result.Total} migrations)."
            : $"Applied {string.Join(", ", result.Applied)} ({result.Total} migrations in all).");
        return 0;
    }
}
