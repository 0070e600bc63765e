using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NpsCloud.BuildingBlocks.Outbox;

namespace NpsCloud.BuildingBlocks.Messaging;

/// <summary>
/// MediatR 5 and FluentValidation without their DI packages (not on our feed): one scan registers every
/// request and notification handler and every validator of the given assemblies.
/// </summary>
public static class MessagingRegistration
{
    private static readonly Type[] ScannedInterfaces =
    [
        typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(IValidator<>),
    ];

    public static IServiceCollection AddMessaging(this IServiceCollection services, params Assembly[] assemblies)
    {
        services.TryAddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddLocalization(); // the validation behaviour's own messages; the host sets where resources live
        services.TryAddScoped<IMediator, CollectingMediator>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>)));
        services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IPipelineBehavior<,>), typeof(ManagersOnlyBehavior<,>)));
        services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>)));
        services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IPipelineBehavior<,>), typeof(TrialBehavior<,>)));

        foreach (var (service, implementation) in FindRegistrations(assemblies))
        {
            services.TryAddEnumerable(ServiceDescriptor.Scoped(service, implementation));
        }

        foreach (var assembly in assemblies)
        {
            services.AddSingleton(new MessagingAssembly(assembly));
        }

        services.TryAddSingleton<IntegrationEventTypes>();
        return services;
    }

    /// <summary>An assembly scanned for handlers, validators and integration event types.</summary>
    public sealed record MessagingAssembly(Assembly Assembly);

    /// <summary>Every (closed service interface, concrete class) pair the scan registers.</summary>
    internal static IEnumerable<(Type Service, Type Implementation)> FindRegistrations(IEnumerable<Assembly> assemblies) =>
        from type in assemblies.Distinct().SelectMany(a => a.GetTypes())
        where type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
        from service in type.GetInterfaces()
        where service.IsGenericType && ScannedInterfaces.Contains(service.GetGenericTypeDefinition())
        select (service, type);
}
