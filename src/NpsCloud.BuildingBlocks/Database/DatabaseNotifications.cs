using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace NpsCloud.BuildingBlocks.Database;

/// <summary>
/// One PostgreSQL channel a part of the host listens on (<c>LISTEN</c>), for news from any host of the
/// cluster: committed outbox events, a revoked key, a changed tenant. Register implementations as
/// singletons (<c>services.AddSingleton&lt;IDatabaseNotificationListener, X&gt;()</c>).
/// </summary>
public interface IDatabaseNotificationListener
{
    /// <summary>The channel name, as the SQL that notifies names it (<c>pg_notify('name', payload)</c>).</summary>
    string Channel { get; }

    /// <summary>One notification; must be quick and must not throw (it runs on the listening loop).</summary>
    void OnNotification(string payload);

    /// <summary>
    /// The listening connection was (re)established: notifications sent while it was down are lost, so a
    /// listener that caches must forget what it holds, and one that wakes a worker should wake it.
    /// </summary>
    void OnListening();
}

/// <summary>
/// The host's one listening connection, shared by every <see cref="IDatabaseNotificationListener"/>. A
/// dropped connection is re-opened with a growing pause; listeners hear <see cref="IDatabaseNotificationListener.OnListening"/>
/// every time it is back, so nothing that was missed stays stale. An idle connection is checked every
/// <see cref="IdleCheck"/>, so a connection the network dropped silently is found within that time.
/// </summary>
internal sealed class DatabaseNotifications(
    AppDataSource dataSource, IEnumerable<IDatabaseNotificationListener> listeners, ILogger<DatabaseNotifications> logger) : BackgroundService
{
    internal static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);

    /// <summary>How the listening connection shows in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "npscloud-listener";

    private readonly IReadOnlyList<IDatabaseNotificationListener> _listeners = listeners.ToList();

    /// <summary>Whether the last connection got as far as listening (then the next failure pauses briefly again).</summary>
    private bool _listened;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listeners.Count == 0) return;
        var pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (_listened) pause = TimeSpan.FromSeconds(1);
                _listened = false;
                logger.LogWarning(e, "The database notification connection failed; listening again in {Pause}", pause);
                try
                {
                    await Task.Delay(pause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.DataSource.OpenConnectionAsync(stoppingToken);
        await using (var name = new NpgsqlCommand($"set application_name = '{ApplicationName}'", connection))
        {
            await name.ExecuteNonQueryAsync(stoppingToken);
        }

        connection.Notification += (_, notification) =>
        {
            foreach (var listener in _listeners)
            {
                if (listener.Channel != notification.Channel) continue;
                try
                {
                    listener.OnNotification(notification.Payload);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "A listener of {Channel} failed", notification.Channel);
                }
            }
        };

        foreach (var channel in _listeners.Select(l => l.Channel).Distinct())
        {
            // A channel is an identifier: quoted, so any name the code chose is taken as written.
            await using var listen = new NpgsqlCommand($"listen \"{channel.Replace("\"", "\"\"")}\"", connection);
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        _listened = true;
        foreach (var listener in _listeners) listener.OnListening();

        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await connection.WaitAsync(IdleCheck, stoppingToken))
            {
                await using var check = new NpgsqlCommand("select 1", connection);
                await check.ExecuteNonQueryAsync(stoppingToken);
            }
        }
    }
}
