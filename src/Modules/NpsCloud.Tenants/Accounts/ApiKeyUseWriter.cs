using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NpsCloud.Tenants.Features.ApiKeys;

namespace NpsCloud.Tenants.Accounts;

/// <summary>
/// Writes the keys' last uses this host recorded (<see cref="ApiKeyUses"/>) every <c>ApiKeys:LastUsedFlushInterval</c>
/// (30 seconds unless configured), and once more when the host stops. A failed write is kept and tried again.
/// </summary>
internal sealed class ApiKeyUseWriter(ApiKeyUses uses, TimeSpan interval, ILogger<ApiKeyUseWriter> logger) : BackgroundService
{
    /// <summary>How long the last write on shutdown may take.</summary>
    private static readonly TimeSpan LastWriteTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await WriteAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LastWriteTimeout);
        await WriteAsync(timeout.Token);
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await uses.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Writing the API keys' last use failed; {Count} keys are tried again at the next write", uses.PendingCount);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Writing the API keys' last use was cut short; {Count} keys were not written", uses.PendingCount);
        }
    }
}
