namespace NpsCloud.BuildingBlocks.Hosting;

/// <summary>
/// An operator command run as <c>./nps admin &lt;name&gt; [arguments]</c>: the host is built but not
/// started, the command runs, and the process exits with its code. Modules register their own.
/// </summary>
public interface IAdminCommand
{
    string Name { get; }

    /// <summary>One line for the command list, including the arguments it takes.</summary>
    string Usage { get; }

    Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken);
}

/// <summary>
/// Demo data a module adds for <c>./nps run --demo</c>. Seeders run in registration order (tenants first)
/// after the migrations, must be safe to run on every start, and answer lines telling how to use the demo.
/// </summary>
public interface IDemoDataSeeder
{
    Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken);
}
