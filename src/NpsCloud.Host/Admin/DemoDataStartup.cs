using NpsCloud.BuildingBlocks.Hosting;

namespace NpsCloud.Host.Admin;

/// <summary>
/// <c>./nps run --demo</c> (configuration <c>Demo:Seed=true</c>): after the migrations, each module's demo
/// seeder runs and the host prints how to use the demo.
/// </summary>
internal sealed class DemoDataStartup(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoDataStartup> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Seed", false)) return;

        await using var scope = scopes.CreateAsyncScope();
        var seeders = scope.ServiceProvider.GetServices<IDemoDataSeeder>().ToList();
        var lines = new List<string>();
        foreach (var seeder in seeders)
        {
            lines.AddRange(await seeder.SeedAsync(cancellationToken));
        }

        if (lines.Count == 0)
        {
            lines.Add("No module provides demo data yet: sign-up and the demo tenant arrive with the Tenants module.");
        }

        logger.LogInformation("Demo data ready");
        Console.WriteLine();
        Console.WriteLine("  Demo");
        foreach (var line in lines) Console.WriteLine("    " + line);
        Console.WriteLine();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
