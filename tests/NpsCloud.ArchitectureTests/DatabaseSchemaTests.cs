using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Testing;

namespace NpsCloud.ArchitectureTests;

/// <summary>What every table must be, checked on the database the migrations build.</summary>
public sealed class DatabaseSchemaTests : IAsyncLifetime
{
    private const string TenantPolicy = "(tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)";

    // Indexes that deliberately do not lead with tenant_id, and why.
    private static readonly Dictionary<string, string> CrossTenantIndexes = new()
    {
        ["platform.outbox_messages_pending"] = "the dispatcher asks when the next event of any tenant comes due",
        ["tenants.users_normalized_email"] = "one account per email address across tenants; login finds the tenant by it",
        ["tenants.users_id"] = "a password reset link finds the user's tenant",
        ["tenants.api_keys_id"] = "an API key finds its tenant by the id written in it",
        ["tenants.invitations_token_hash"] = "an invitation link finds its tenant",
        ["surveys.invitations_due"] = "every host's sender claims due invitations of all tenants in due order",
        ["surveys.invitations_reminder_due"] = "every host's sender claims due reminders of all tenants in due order",
        ["surveys.invitations_token_hash"] = "a survey or unsubscribe link finds its invitation and tenant",
        ["surveys.widgets_id"] = "a web widget's public script and answers find the widget and its tenant by its id",
        ["surveys.open_links_slug"] = "a survey's open link page finds the link and its tenant by its public slug",
        ["webhooks.deliveries_due"] = "every host's webhook dispatcher claims due deliveries of all tenants in due order",
        ["webhooks.chat_posts_due"] = "every host's chat dispatcher claims due Slack and Teams posts of all tenants in due order",
    };

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Every_tenant_owned_table_has_row_level_security_enabled_and_forced_with_the_tenant_policy()
    {
        var tables = await TenantTablesAsync(_database.AdminConnectionString);

        Assert.NotEmpty(tables);
        Assert.Empty(tables.Where(t => !t.Isolated).Select(t => t.Name));
    }

    [Fact]
    public async Task The_security_check_reports_a_tenant_table_left_without_row_level_security()
    {
        await using var scratch = await TestDatabase.CreateAsync();
        await scratch.ExecuteAsAdminAsync("""
            create table public.forgotten (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id));
            create table public.half_done (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id));
            alter table public.half_done enable row level security;
            """);

        var unprotected = (await TenantTablesAsync(scratch.AdminConnectionString)).Where(t => !t.Isolated).Select(t => t.Name);

        Assert.Equal(["public.forgotten", "public.half_done"], unprotected.Order());
    }

    [Fact]
    public async Task Every_tenant_owned_table_and_index_leads_with_tenant_id()
    {
        Assert.Empty(await IndexesNotLedByTenantAsync(_database.AdminConnectionString));
    }

    [Fact]
    public async Task The_index_check_reports_an_index_that_does_not_lead_with_tenant_id()
    {
        await using var scratch = await TestDatabase.CreateAsync();
        await scratch.ExecuteAsAdminAsync("""
            create table public.contacts (tenant_id uuid not null, email text not null, primary key (tenant_id, email));
            create index contacts_by_email on public.contacts (email);
            """);

        Assert.Equal(["public.contacts_by_email leads with email"],
            (await IndexesNotLedByTenantAsync(scratch.AdminConnectionString)).Where(v => v.StartsWith("public.")));
    }

    [Fact]
    public async Task The_migrations_and_the_entity_model_describe_the_same_tables_and_columns()
    {
        var fromMigrations = await SchemaSnapshot.ReadAsync(_database.AdminConnectionString);
        var fromModel = new SchemaSnapshot();
        foreach (var contextType in ModuleContextTypes())
        {
            await using var empty = await TestDatabase.CreateEmptyAsync();
            await using var connection = new NpgsqlConnection(empty.OwnerConnectionString);
            var options = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
            BuildingBlocksRegistration.UsePostgres(options, connection);
            await using (var context = (DbContext)Activator.CreateInstance(contextType, options.Options, new TenantContext(), new OutboxSignal())!)
            {
                await context.Database.EnsureCreatedAsync();
            }

            fromModel.Add(await SchemaSnapshot.ReadAsync(empty.AdminConnectionString));
        }

        // Tables that only raw SQL touches: the scheduler's, the migration history, the key ring, secrets and idempotency keys.
        var differences = SchemaSnapshot.Differences(
            fromMigrations.Without(table => table.StartsWith("quartz.") || table is "platform.schema_migrations" or "platform.data_protection_keys" or "platform.secrets" or "platform.idempotency_keys"),
            fromModel);

        Assert.Empty(differences);
    }

    [Fact]
    public void The_drift_comparison_reports_missing_extra_and_changed_columns()
    {
        var migrations = new SchemaSnapshot();
        migrations.Columns["a.t.id"] = "uuid not null";
        migrations.Columns["a.t.score"] = "integer not null";
        migrations.Columns["a.t.gone"] = "text null";
        var model = new SchemaSnapshot();
        model.Columns["a.t.id"] = "uuid not null";
        model.Columns["a.t.score"] = "integer null";
        model.Columns["a.t.added"] = "text null";

        var differences = SchemaSnapshot.Differences(migrations, model);

        Assert.Equal(3, differences.Count);
        Assert.Contains(differences, d => d.Contains("a.t.score") && d.Contains("integer not null") && d.Contains("integer null"));
        Assert.Contains(differences, d => d.Contains("a.t.gone"));
        Assert.Contains(differences, d => d.Contains("a.t.added"));
    }

    private static IEnumerable<Type> ModuleContextTypes()
    {
        var types = NpsCloud.Host.Modules.Assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(ModuleDbContext)))
            .ToList();
        Assert.Equal(7, types.Count);
        return types;
    }

    private static async Task<List<string>> IndexesNotLedByTenantAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select n.nspname || '.' || ic.relname, a.attname
            from pg_index i
            join pg_class c on c.oid = i.indrelid
            join pg_class ic on ic.oid = i.indexrelid
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
            where exists (select from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id' and not t.attisdropped)
              and n.nspname not in ('pg_catalog', 'information_schema')
            order by 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var violations = new List<string>();
        while (await reader.ReadAsync())
        {
            var (index, leading) = (reader.GetString(0), reader.GetString(1));
            if (leading != "tenant_id" && !CrossTenantIndexes.ContainsKey(index)) violations.Add($"{index} leads with {leading}");
        }

        return violations;
    }

    private static async Task<List<(string Name, bool Isolated)>> TenantTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select n.nspname || '.' || c.relname,
                   c.relrowsecurity and c.relforcerowsecurity
                   and exists (select from pg_policy p
                               where p.polrelid = c.oid and p.polcmd = '*' and p.polpermissive
                                 and pg_get_expr(p.polqual, p.polrelid) = $1
                                 and coalesce(pg_get_expr(p.polwithcheck, p.polrelid), $1) = $1)
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p')
              and n.nspname not in ('pg_catalog', 'information_schema')
              and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
            order by 1
            """, connection);
        command.Parameters.AddWithValue(TenantPolicy);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<(string, bool)>();
        while (await reader.ReadAsync()) tables.Add((reader.GetString(0), reader.GetBoolean(1)));
        return tables;
    }
}

/// <summary>Tables and columns (type and nullability) and primary keys of a database, comparable.</summary>
public sealed class SchemaSnapshot
{
    public SortedDictionary<string, string> Columns { get; } = new(StringComparer.Ordinal);

    public static async Task<SchemaSnapshot> ReadAsync(string connectionString)
    {
        var snapshot = new SchemaSnapshot();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select c.table_schema || '.' || c.table_name || '.' || c.column_name,
                   format_type(a.atttypid, a.atttypmod) || case when c.is_nullable = 'YES' then ' null' else ' not null' end
                   || case when exists (select from pg_index i where i.indrelid = a.attrelid and i.indisprimary and a.attnum = any(i.indkey))
                           then ' primary key' else '' end
            from information_schema.columns c
            join pg_attribute a on a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass and a.attname = c.column_name
            where c.table_schema not in ('pg_catalog', 'information_schema')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) snapshot.Columns[reader.GetString(0)] = reader.GetString(1);
        return snapshot;
    }

    public void Add(SchemaSnapshot other)
    {
        foreach (var (column, definition) in other.Columns) Columns[column] = definition;
    }

    public SchemaSnapshot Without(Func<string, bool> excludedTable)
    {
        var kept = new SchemaSnapshot();
        foreach (var (column, definition) in Columns.Where(c => !excludedTable(c.Key[..c.Key.LastIndexOf('.')])))
        {
            kept.Columns[column] = definition;
        }

        return kept;
    }

    public static List<string> Differences(SchemaSnapshot migrations, SchemaSnapshot model)
    {
        var differences = new List<string>();
        foreach (var (column, definition) in migrations.Columns)
        {
            if (!model.Columns.TryGetValue(column, out var modelled)) differences.Add($"{column} ({definition}) is in the migrations but not in the model");
            else if (modelled != definition) differences.Add($"{column} is {definition} in the migrations but {modelled} in the model");
        }

        differences.AddRange(model.Columns.Keys.Except(migrations.Columns.Keys)
            .Select(column => $"{column} ({model.Columns[column]}) is in the model but not in the migrations"));
        return differences;
    }
}
