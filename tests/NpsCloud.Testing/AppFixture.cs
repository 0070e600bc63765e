using Xunit;

namespace NpsCloud.Testing;

/// <summary>A class fixture: one test database and one running host for all tests of a class.</summary>
public class AppFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private NpsAppFactory? _app;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture has not started.");

    public NpsAppFactory App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _app = Configure(new NpsAppFactory(_database));
        _ = _app.Server; // start the host now, so a start-up failure fails the fixture clearly
    }

    /// <summary>Per-class settings and services for the host.</summary>
    protected virtual NpsAppFactory Configure(NpsAppFactory app) => app;

    public virtual async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

/// <summary>A class fixture whose host sends mail to a real SMTP server (aiosmtpd) of its own.</summary>
public class SmtpAppFixture : AppFixture
{
    public SmtpSink Smtp { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        await base.InitializeAsync();
    }

    protected override NpsAppFactory Configure(NpsAppFactory app) => app.WithSmtp(Smtp);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
