using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts;
using NpsCloud.Testing;

namespace NpsCloud.ArchitectureTests;

/// <summary>
/// The outbox stores an event's full type name and the inbox an idempotent handler's (ADR 0012), so
/// moving or renaming one of them orphans pending rows: an event nobody can read, or a handler that runs
/// again on a redelivery. The names in use are kept in stored-names.txt; a change to them needs a
/// migration that rewrites the stored rows (as 0018_module_shape_names.sql does) and then the new list.
/// </summary>
public sealed class StoredNamesTests
{
    private static readonly string ListFile = Path.Combine(RepositoryPaths.Root, "tests", "NpsCloud.ArchitectureTests", "stored-names.txt");

    [Fact]
    public void Outbox_event_and_inbox_handler_names_change_only_with_a_migration()
    {
        var expected = File.ReadAllLines(ListFile).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();

        Assert.Equal(expected, StoredNames());
    }

    internal static List<string> StoredNames()
    {
        var assemblies = NpsCloud.Host.Modules.Assemblies.Append(typeof(IIntegrationEvent).Assembly).ToList();
        var events = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
            .Select(t => $"event {IntegrationEventTypes.NameOf(t)}");
        var handlers = NpsCloud.Host.Modules.Assemblies.SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && IsIdempotentHandler(t))
            .Select(t => $"handler {t.FullName}");
        return [.. events.Concat(handlers).Order(StringComparer.Ordinal)];
    }

    private static bool IsIdempotentHandler(Type type)
    {
        for (var at = type.BaseType; at is not null; at = at.BaseType)
        {
            if (at.IsGenericType && at.GetGenericTypeDefinition() == typeof(IdempotentEventHandler<,>)) return true;
        }

        return false;
    }
}
