using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Host;

/// <summary>Hosts are stateless: several run side by side on one database.</summary>
public sealed class TwoHostsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private NpsAppFactory _first = null!;
    private NpsAppFactory _second = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateEmptyAsync();
        _first = new NpsAppFactory(_database);
        _second = new NpsAppFactory(_database);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Two_hosts_starting_together_on_an_empty_database_both_become_ready()
    {
        // Both migrate at once: the advisory lock lets one apply the files and the other find them applied.
        await Task.WhenAll(Task.Run(() => _first.Server), Task.Run(() => _second.Server));

        foreach (var host in new[] { _first, _second })
        {
            var client = host.CreateClient();
            await Poll.UntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "both hosts to be ready");
        }

        var schedulers = await _database.ScalarAsAdminAsync<long>("select count(*) from quartz.qrtz_scheduler_state");
        Assert.Equal(2L, schedulers);
    }

    [Fact]
    public async Task What_one_host_protects_another_can_read()
    {
        var secret = _first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("antiforgery and cookies");

        var read = _second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret);

        Assert.Equal("antiforgery and cookies", read);
    }
}
