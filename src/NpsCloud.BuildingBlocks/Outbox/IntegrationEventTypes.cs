using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Contracts;

namespace NpsCloud.BuildingBlocks.Outbox;

/// <summary>
/// Maps the type names stored in the outbox back to event types. The stored name is the type's full
/// name, so renaming or moving an event type needs a migration that rewrites pending rows.
/// </summary>
public sealed class IntegrationEventTypes
{
    private readonly Dictionary<string, Type> _types;

    public IntegrationEventTypes(IEnumerable<MessagingRegistration.MessagingAssembly> assemblies) =>
        _types = assemblies
            .Select(a => a.Assembly)
            .Append(typeof(IIntegrationEvent).Assembly)
            .Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
            .ToDictionary(NameOf);

    public static string NameOf(Type eventType) => eventType.FullName!;

    public Type? Find(string name) => _types.GetValueOrDefault(name);
}
