using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.IntegrationTests.Outbox;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Persistence;

/// <summary>
/// The second layer behind row-level security: a module context filters by the current tenant and
/// stamps new rows with it, even on a connection the database does not restrict.
/// </summary>
public sealed class TenantScopedContextTests : IAsyncLifetime
{
    private static readonly Guid TenantA = Guid.NewGuid();
    private static readonly Guid TenantB = Guid.NewGuid();
    private TestDatabase _database = null!;
    private NpgsqlDataSource _unrestricted = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.ExecuteAsAdminAsync($"""
            create schema outbox_test authorization {TestDatabase.OwnerRole};
            create table outbox_test.notes (tenant_id uuid not null, id uuid not null, text text not null, primary key (tenant_id, id));
            alter table outbox_test.notes owner to {TestDatabase.OwnerRole};
            insert into outbox_test.notes values ('{TenantA}', gen_random_uuid(), 'a'), ('{TenantB}', gen_random_uuid(), 'b');
            """);
        // The owner role bypasses row-level security: only the context's own filter is left.
        _unrestricted = NpgsqlDataSource.Create(_database.OwnerConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _unrestricted.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_context_reads_only_the_current_tenants_rows()
    {
        await using var db = Context(TenantA);

        Assert.Equal(["a"], await db.Notes.Select(n => n.Text).ToListAsync());
    }

    [Fact]
    public async Task A_context_without_a_tenant_reads_nothing()
    {
        await using var db = Context(null);

        Assert.Empty(await db.Notes.ToListAsync());
    }

    [Fact]
    public async Task New_rows_get_the_current_tenant_and_rows_for_another_tenant_are_refused()
    {
        await using var db = Context(TenantA);
        var stamped = new Note { Id = Guid.NewGuid(), Text = "stamped" };
        db.Notes.Add(stamped);
        await db.SaveChangesAsync();
        Assert.Equal(TenantA, await _database.ScalarAsAdminAsync<Guid>($"select tenant_id from outbox_test.notes where id = '{stamped.Id}'"));

        db.Notes.Add(new Note { TenantId = TenantB, Id = Guid.NewGuid(), Text = "smuggled" });
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("another tenant", refused.Message);
    }

    private NotesDbContext Context(Guid? tenant)
    {
        var context = new TenantContext();
        if (tenant is { } id) context.Set(id);
        var options = new DbContextOptionsBuilder<NotesDbContext>();
        BuildingBlocksRegistration.UsePostgres(options, _unrestricted.CreateConnection());
        return new NotesDbContext(options.Options, context, new OutboxSignal());
    }
}
