using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using NpsCloud.BuildingBlocks.Database;

namespace NpsCloud.BuildingBlocks.Tenancy;

/// <summary>
/// The one application connection of a DI scope (a request, a job run, an outbox batch), shared by every
/// module DbContext that takes part in it. It is taken from the pool on the scope's first query and given
/// back when the scope ends, so a request that touches four modules checks out one connection and sets
/// its tenant once, instead of once per query. The pool's reset on return (<c>DISCARD ALL</c>) clears the
/// tenant before the connection serves anyone else.
/// </summary>
public sealed class ScopeConnection(AppDataSource dataSource) : IAsyncDisposable, IDisposable
{
    private NpgsqlConnection? _connection;

    /// <summary>The connection the scope's contexts are built on (not opened until the first query).</summary>
    public NpgsqlConnection Connection => _connection ??= dataSource.DataSource.CreateConnection();

    /// <summary>The <c>app.tenant_id</c> the connection holds now; null when unknown (not opened, or a rollback may have undone it).</summary>
    internal string? AppliedTenant { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }

    // A scope disposed synchronously (a library's own job scope) must still give the connection back.
    public void Dispose() => _connection?.Dispose();
}

/// <summary>
/// Keeps a scope's shared connection open between its contexts' queries, and makes every command run
/// with the scope's tenant: set when the connection opens and again before the next command whenever
/// the scope's tenant changed (a request learns its tenant from its API key or session after its first
/// query) or a rollback may have undone it (a setting made inside a rolled-back transaction reverts).
/// </summary>
internal sealed class ScopeConnectionInterceptor(ScopeConnection scope, ITenantContext tenant)
    : IDbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    private string WantedTenant => tenant.TenantId?.ToString() ?? "";

    // EF closes a connection it opened after each query; the scope keeps it until it ends. A broken
    // connection is let go, so EF can open it afresh.
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        connection.State == ConnectionState.Open ? InterceptionResult.Suppress() : result;

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(ConnectionClosing(connection, eventData, result));

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        scope.AppliedTenant = null;
        EnsureTenant(connection);
    }

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        scope.AppliedTenant = null;
        return EnsureTenantAsync(connection, cancellationToken);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnsureTenant(command.Connection!);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnsureTenantAsync(command.Connection!, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnsureTenant(command.Connection!);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnsureTenantAsync(command.Connection!, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnsureTenant(command.Connection!);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnsureTenantAsync(command.Connection!, cancellationToken);
        return result;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => scope.AppliedTenant = null;

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        scope.AppliedTenant = null;
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => scope.AppliedTenant = null;

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        scope.AppliedTenant = null;
        return Task.CompletedTask;
    }

    private void EnsureTenant(DbConnection connection)
    {
        var wanted = WantedTenant;
        if (scope.AppliedTenant == wanted) return;
        TenantSession.Apply(connection, tenant.TenantId);
        scope.AppliedTenant = wanted;
    }

    private async Task EnsureTenantAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var wanted = WantedTenant;
        if (scope.AppliedTenant == wanted) return;
        await TenantSession.ApplyAsync(connection, tenant.TenantId, cancellationToken);
        scope.AppliedTenant = wanted;
    }
}
