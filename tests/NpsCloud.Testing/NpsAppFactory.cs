using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace NpsCloud.Testing;

/// <summary>
/// The real host (Program) in memory against a test database: the same migrations, roles, scheduler and
/// outbox as production. Settings and services can be overridden per test.
/// </summary>
public sealed class NpsAppFactory(TestDatabase database) : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["ConnectionStrings:App"] = database.AppConnectionString,
        ["ConnectionStrings:Migrations"] = database.OwnerConnectionString,
        ["Database:MigrationsPath"] = RepositoryPaths.Migrations,
        ["DataDirectory"] = Directory.CreateTempSubdirectory("nps-test-data-").FullName,
        // One key file per test run, so hosts that share a database (restarts, two hosts) share it as production's would.
        ["DataProtection:KeyFile"] = TestKeyFile.Path,
        ["Outbox:PollInterval"] = "00:00:00.200",
        ["Scheduler:CheckinInterval"] = "00:00:02",
        ["Scheduler:IdleWaitTime"] = "00:00:01",
        ["Logging:LogLevel:Default"] = "Warning",
        // Tests sign up and log in far more often than a person could; the limits get a test of their own.
        ["RateLimits:signupPerMinute"] = "100000",
        ["RateLimits:loginPerMinute"] = "100000",
        ["RateLimits:password-resetPerMinute"] = "100000",
        ["RateLimits:apiKeyPerMinute"] = "100000",
    };

    private readonly List<Action<IServiceCollection>> _services = [];

    private string? _environment;

    public TestDatabase Database => database;

    /// <summary>The clock the host sees, when the test asked for a fake one.</summary>
    public FakeTimeProvider? Clock { get; private set; }

    public string DataDirectory => _settings["DataDirectory"]!;

    public NpsAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// The host environment (WebApplicationFactory's default is Development). Production turns on what only
    /// production does: secure session cookies, HSTS, the required key file.
    /// </summary>
    public NpsAppFactory WithEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    public NpsAppFactory WithSmtp(SmtpSink smtp) =>
        WithSetting("Email:Host", "127.0.0.1").WithSetting("Email:Port", smtp.Port.ToString());

    public NpsAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public NpsAppFactory WithFakeClock(DateTimeOffset now)
    {
        Clock = new FakeTimeProvider(now);
        return WithServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Found from the checkout, so projects without the testing package's build targets (the benchmarks) find it too.
        builder.UseContentRoot(Path.Combine(RepositoryPaths.Root, "src", "NpsCloud.Host"));
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_environment is not null) builder.UseEnvironment(_environment);
        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _services) configure(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
