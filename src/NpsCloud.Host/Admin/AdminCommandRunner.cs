using NpsCloud.BuildingBlocks.Hosting;

namespace NpsCloud.Host.Admin;

/// <summary>Runs <c>admin &lt;command&gt;</c> on a built, not started, host.</summary>
internal static class AdminCommandRunner
{
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments)
    {
        var commands = services.GetServices<IAdminCommand>().OrderBy(c => c.Name).ToList();
        var command = arguments.Count > 0 ? commands.FirstOrDefault(c => c.Name == arguments[0]) : null;
        if (command is null)
        {
            await Console.Error.WriteLineAsync(arguments.Count > 0 ? $"Unknown admin command '{arguments[0]}'." : "Name an admin command.");
            await Console.Error.WriteLineAsync("Usage: ./nps admin <command> [arguments]\nCommands:");
            foreach (var known in commands) await Console.Error.WriteLineAsync("  " + known.Usage);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        return await command.RunAsync(arguments.Skip(1).ToList(), Console.Out, CancellationToken.None);
    }
}
