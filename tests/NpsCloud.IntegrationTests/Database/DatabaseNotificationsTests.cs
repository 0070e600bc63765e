using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpsCloud.BuildingBlocks.Database;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Database;

/// <summary>The host's one listening connection: notifications from any connection reach the listeners of their channel.</summary>
public sealed class DatabaseNotificationsTests(DatabaseNotificationsTests.Fixture fixture) : IClassFixture<DatabaseNotificationsTests.Fixture>
{
    [Fact]
    public async Task A_notification_from_another_connection_reaches_the_listener_of_its_channel_only()
    {
        await Poll.UntilAsync(() => Task.FromResult(fixture.Heard.Listening > 0), "the host to listen", TimeSpan.FromSeconds(30));

        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using (var notify = new NpgsqlCommand("select pg_notify('nps_test_heard', 'one'), pg_notify('nps_test_other', 'two')", connection))
        {
            await notify.ExecuteNonQueryAsync();
        }

        await Poll.UntilAsync(() => Task.FromResult(fixture.Heard.Payloads.Contains("one")), "the notification to arrive", TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("two", fixture.Heard.Payloads);
    }

    [Fact]
    public async Task A_dropped_listening_connection_is_opened_again_and_listeners_hear_that_it_is_back()
    {
        await Poll.UntilAsync(() => Task.FromResult(fixture.Heard.Listening > 0), "the host to listen", TimeSpan.FromSeconds(30));
        var before = fixture.Heard.Listening;

        await fixture.Database.ExecuteAsAdminAsync(
            $"select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = '{DatabaseNotifications.ApplicationName}'");

        await Poll.UntilAsync(() => Task.FromResult(fixture.Heard.Listening > before), "the host to listen again", TimeSpan.FromSeconds(60));
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using (var notify = new NpgsqlCommand("select pg_notify('nps_test_heard', 'after')", connection))
        {
            await notify.ExecuteNonQueryAsync();
        }

        await Poll.UntilAsync(() => Task.FromResult(fixture.Heard.Payloads.Contains("after")), "a notification after the reconnect", TimeSpan.FromSeconds(30));
    }

    public sealed class HeardListener : IDatabaseNotificationListener
    {
        public ConcurrentBag<string> Payloads { get; } = [];

        private int _listening;

        public int Listening => Volatile.Read(ref _listening);

        public string Channel => "nps_test_heard";

        public void OnNotification(string payload) => Payloads.Add(payload);

        public void OnListening() => Interlocked.Increment(ref _listening);
    }

    public sealed class Fixture : AppFixture
    {
        public HeardListener Heard { get; } = new();

        protected override NpsAppFactory Configure(NpsAppFactory app) =>
            app.WithServices(services => services.AddSingleton<IDatabaseNotificationListener>(Heard));
    }
}
