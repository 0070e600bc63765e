using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NpsCloud.BuildingBlocks.Hosting;

/// <summary>
/// A loop every host runs (the outbox dispatcher, the invitation sender): take a batch of due work; when
/// no more is known to be due (by default: the batch came back short), wait for a <see cref="WakeSignal"/>
/// or the idle wait (by default the poll interval), whichever comes first. A failing batch is logged and
/// tried again at the next turn; nothing is lost.
/// </summary>
public abstract class PollingWorker(WakeSignal signal, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan PollInterval { get; }

    protected abstract int BatchSize { get; }

    /// <summary>Does one batch; answers how many items it took.</summary>
    protected abstract Task<int> RunBatchAsync(CancellationToken cancellationToken);

    /// <summary>Whether to take the next batch at once, after one that took <paramref name="taken"/> items.</summary>
    protected virtual bool MoreMayBeDue(int taken) => taken >= BatchSize;

    /// <summary>How long to wait for the signal when no more work is known to be due (read after each batch).</summary>
    protected virtual TimeSpan IdleWait => PollInterval;

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                taken = await RunBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "{Worker} failed a batch; trying again", GetType().Name);
            }

            if (MoreMayBeDue(taken)) continue;
            try
            {
                await signal.WaitAsync(IdleWait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>Wakes a <see cref="PollingWorker"/> as soon as work is due, instead of at its next poll.</summary>
public class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
