using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Retention;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Webhooks.Delivery;
using NpsCloud.Webhooks.Features.ChatChannels;
using NpsCloud.Webhooks.Features.Deliveries;
using NpsCloud.Webhooks.Features.Webhooks;

namespace NpsCloud.Webhooks;

/// <summary>Signed HTTP callbacks of the company's events (Standard Webhooks), and alerts to Slack and Microsoft Teams channels. The module's only public type: the host wires it in here.</summary>
public static class WebhooksModule
{
    public static IServiceCollection AddWebhooksModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<WebhooksDbContext>();
        services.AddSingleton<IApiEndpoints, WebhooksEndpoints>();
        services.ConfigureAll<OpenApiOptions>(options => options.AddDocumentTransformer(WebhooksOpenApi.DescribeAsync));
        services.AddSingleton(new AppNavigationItem(87, "/app/webhooks", "Webhooks", "Webhook'lar", ManagersOnly: true, Group: NavigationGroup.Settings));
        services.AddSingleton(new AppNavigationItem(88, "/app/chat-channels", "Slack & Teams", "Slack ve Teams", ManagersOnly: true, Group: NavigationGroup.Settings));
        services.Configure<WebhookOptions>(configuration.GetSection("Webhooks"));
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSignal>();
        services.AddScoped<WebhookSender>();
        services.AddScoped<IRetentionRule, WebhookRetention>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddSingleton<ChatAddressProtector>();
        services.AddSingleton<ChatSignal>();
        services.AddScoped<ChatMessages>();
        services.AddScoped<ChatSender>();
        services.AddScoped<IRetentionRule, ChatPostRetention>();
        services.AddHostedService<ChatDispatcher>();
        services.AddHttpClient(WebhookHttp.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan) // the sender's own timeout applies
            .RemoveAllLoggers() // every attempt is in the delivery log
            .ConfigurePrimaryHttpMessageHandler(provider => WebhookHttp.CreateHandler(provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivate));
        return services;
    }
}
