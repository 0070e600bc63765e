using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using NpsCloud.IntegrationTests.Responses;
using NpsCloud.IntegrationTests.Surveys;
using NpsCloud.Testing;
using Xunit.Abstractions;

namespace NpsCloud.IntegrationTests.Tenants;

/// <summary>
/// Two hosts on one database, each with its own copies of key rows and tenant profiles, kept far longer
/// than a test runs (an hour): whatever takes effect here did so by the change notifications, not by a
/// copy running out. A host that made the change forgets at once; the other as soon as it hears
/// (milliseconds), so those checks wait a few seconds at most.
/// </summary>
public sealed class HostCacheTests(HostCacheTests.TwoHosts hosts, ITestOutputHelper output) : IClassFixture<HostCacheTests.TwoHosts>
{
    /// <summary>Far below the copies' lifetime: what passes within this was not the lifetime running out.</summary>
    private static readonly TimeSpan Heard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_key_revoked_on_one_host_is_refused_there_at_the_next_request_and_on_the_other_host_as_soon_as_it_hears()
    {
        var admin = hosts.First.WithKey((await TenantApi.SignUpAsync(hosts.First)).ApiKey);
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "CRM", scopes = new[] { "read" } })).JsonAsync(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        var onFirst = hosts.First.WithKey(key);
        var onSecond = hosts.Second.WithKey(key);
        await (await onFirst.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK);
        await (await onSecond.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK);

        await (await admin.DeleteAsync($"/api/v1/api-keys/{created.GetProperty("id").GetGuid()}")).JsonAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onFirst.GetAsync("/api/v1/tenant")).StatusCode);
        await Poll.UntilAsync(async () => (await onSecond.GetAsync("/api/v1/tenant")).StatusCode == HttpStatusCode.Unauthorized,
            "the other host to refuse the revoked key", Heard);
    }

    [Fact]
    public async Task A_settings_change_on_one_host_is_seen_by_the_other()
    {
        var signedUp = await TenantApi.SignUpAsync(hosts.First);
        var onSecond = hosts.Second.WithKey(signedUp.ApiKey);
        var before = await (await onSecond.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK);
        Assert.NotEqual("America/Chicago", before.GetProperty("settings").GetProperty("timeZone").GetString());
        Assert.NotEqual("tr", before.GetProperty("settings").GetProperty("locale").GetString());

        await (await hosts.First.WithKey(signedUp.ApiKey).PatchAsJsonAsync("/api/v1/tenant/settings", new { timeZone = "America/Chicago", locale = "tr" }))
            .JsonAsync(HttpStatusCode.OK);

        await Poll.UntilAsync(async () =>
        {
            var after = await (await onSecond.GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK);
            return after.GetProperty("settings").GetProperty("timeZone").GetString() == "America/Chicago" && after.GetProperty("settings").GetProperty("locale").GetString() == "tr";
        }, "the other host to see the new time zone and locale", Heard);
    }

    [Fact]
    public async Task A_keys_scopes_or_departments_changed_in_the_database_take_effect_on_every_host()
    {
        var signedUp = await TenantApi.SignUpAsync(hosts.First);
        var admin = hosts.First.WithKey(signedUp.ApiKey);
        var sales = await TenantApi.CreateDepartmentAsync(admin, "Sales");
        await TenantApi.CreateDepartmentAsync(admin, "Support");
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "CRM", scopes = new[] { "write" } })).JsonAsync(HttpStatusCode.Created);
        var keyId = created.GetProperty("id").GetGuid();
        HttpClient[] onBoth = [hosts.First.WithKey(created.GetProperty("key").GetString()!), hosts.Second.WithKey(created.GetProperty("key").GetString()!)];
        foreach (var client in onBoth) Assert.Equal(2, await DepartmentCountAsync(client));

        await hosts.Database.ExecuteAsAdminAsync($"update tenants.api_keys set scopes = '{{read}}', department_ids = array['{sales}']::uuid[] where id = '{keyId}'");

        foreach (var client in onBoth)
        {
            await Poll.UntilAsync(async () => await DepartmentCountAsync(client) == 1, "the key to see its one department", Heard);
            var refused = await client.PostAsJsonAsync("/api/v1/departments", new { name = $"New {Guid.NewGuid():N}"[..12] });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Fact]
    public async Task A_checked_key_is_not_looked_up_again_and_its_last_use_is_written_in_the_background()
    {
        var signedUp = await TenantApi.SignUpAsync(hosts.First);
        var survey = await SurveyApi.CreateAsync(hosts.First.WithKey(signedUp.ApiKey), new { name = "Support", kind = "transactional", locale = "en", touchpoint = "support" });
        // The other host has not seen the key yet: its first request looks the key up, the next does not.
        var api = hosts.Second.WithKey(signedUp.ApiKey);

        using var statements = new StatementLog(hosts.Database.Name);
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "first@example.test", score = 9 });
        var first = statements.Take();
        var usedAt = DateTimeOffset.UtcNow;
        await ResponseApi.RecordAsync(api, new { surveyId = survey, email = "second@example.test", score = 3 });
        var next = statements.Take();

        await Poll.UntilAsync(async () => await hosts.Database.ScalarAsAdminAsync<long>(
                $"select count(*) from platform.outbox_messages where tenant_id = '{signedUp.TenantId}' and dispatched_at is null") == 0,
            "the answers' events to be handled", Heard);
        var afterCommit = statements.Take();

        Report("first", first);
        Report("next", next);
        output.WriteLine($"After commit (the detractor's events on either host): {afterCommit.Count(s => s.Contains("FROM tenants.tenants"))} reads of the tenant, "
            + $"{afterCommit.Count(s => s.Contains("FROM tenants.users"))} of people, {afterCommit.Count} statements in all (background work included).");
        Assert.Contains("find_api_key", Assert.Single(first, IsKeyCheck));
        Assert.DoesNotContain(next, IsKeyCheck);
        await Poll.UntilAsync(async () => await hosts.Database.ScalarAsAdminAsync<bool>(
                $"select coalesce(bool_and(last_used_at >= '{usedAt:O}'), false) from tenants.api_keys where tenant_id = '{signedUp.TenantId}'"),
            "the key's last use to be written", Heard);
    }

    [Fact]
    public async Task A_stopping_host_writes_the_last_uses_it_has_not_written_yet()
    {
        var signedUp = await TenantApi.SignUpAsync(hosts.First);
        await (await hosts.First.WithKey(signedUp.ApiKey).GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK);
        await Poll.UntilAsync(async () => await LastUsedAsync(signedUp.TenantId) > DateTime.UnixEpoch, "the key's first use to be written", Heard);
        var usedAt = DateTime.UtcNow;
        await using (var stopping = new NpsAppFactory(hosts.Database).WithSetting("ApiKeys:LastUsedFlushInterval", "01:00:00"))
        {
            await (await stopping.WithKey(signedUp.ApiKey).GetAsync("/api/v1/tenant")).JsonAsync(HttpStatusCode.OK);
            Assert.True(await LastUsedAsync(signedUp.TenantId) < usedAt);
        }

        Assert.True(await LastUsedAsync(signedUp.TenantId) >= usedAt);
    }

    [Fact]
    public async Task The_application_role_can_move_a_keys_last_use_forward_but_never_past_the_present()
    {
        var signedUp = await TenantApi.SignUpAsync(hosts.First);
        var keyId = await hosts.Database.ScalarAsAdminAsync<Guid>($"select id from tenants.api_keys where tenant_id = '{signedUp.TenantId}' limit 1");
        await using var connection = new Npgsql.NpgsqlConnection(hosts.Database.AppConnectionString);
        await connection.OpenAsync();

        async Task<int> RecordAsync(DateTimeOffset at)
        {
            await using var command = new Npgsql.NpgsqlCommand("select tenants.record_api_key_uses($1, $2)", connection);
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = new[] { keyId } });
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = new[] { at } });
            return (int)(await command.ExecuteScalarAsync())!;
        }

        Assert.Equal(0, await RecordAsync(DateTimeOffset.UtcNow.AddYears(1)));
        Assert.Equal(1, await RecordAsync(DateTimeOffset.UtcNow));
        Assert.Equal(0, await RecordAsync(DateTimeOffset.UtcNow.AddHours(-1)));
    }

    private Task<DateTime> LastUsedAsync(Guid tenantId) =>
        hosts.Database.ScalarAsAdminAsync<DateTime>($"select coalesce(max(last_used_at), 'epoch') from tenants.api_keys where tenant_id = '{tenantId}'");

    private void Report(string which, List<string> statements)
    {
        output.WriteLine($"POST /api/v1/responses, the key's {which} request on this host: {statements.Count} statements while it ran (background work included), "
            + $"{statements.Count(IsKeyCheck)} for the key, {statements.Count(s => s.Contains("tenants.tenants") || s.Contains("\"tenants\""))} for the tenant:");
        foreach (var statement in statements) output.WriteLine("  " + statement.ReplaceLineEndings(" "));
    }

    /// <summary>A statement of the key check (the background write of last uses, one per interval for all keys, is not).</summary>
    private static bool IsKeyCheck(string statement) =>
        statement.Contains("api_key", StringComparison.OrdinalIgnoreCase) && !statement.Contains("record_api_key_uses", StringComparison.Ordinal);

    private static async Task<int> DepartmentCountAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/departments")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength();

    /// <summary>The statements Npgsql sends to one database (this class's), as it traces them.</summary>
    private sealed class StatementLog : IDisposable
    {
        private readonly ActivityListener _listener;
        private ConcurrentQueue<string> _statements = new();

        public StatementLog(string database)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name.StartsWith("Npgsql", StringComparison.Ordinal),
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("db.namespace") as string == database && activity.GetTagItem("db.query.text") is string text) _statements.Enqueue(text);
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public List<string> Take() => [.. Interlocked.Exchange(ref _statements, new ConcurrentQueue<string>())];

        public void Dispose() => _listener.Dispose();
    }

    public sealed class TwoHosts : IAsyncLifetime
    {
        public TestDatabase Database { get; private set; } = null!;

        public NpsAppFactory First { get; private set; } = null!;

        public NpsAppFactory Second { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Database = await TestDatabase.CreateAsync();
            First = Host();
            Second = Host();
            _ = First.Server;
            _ = Second.Server;
        }

        private NpsAppFactory Host() => new NpsAppFactory(Database)
            .WithSetting("Caching:ApiKeys", "01:00:00")
            .WithSetting("Caching:TenantProfiles", "01:00:00")
            .WithSetting("ApiKeys:LastUsedFlushInterval", "00:00:00.200");

        public async Task DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
