using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Responses.Demo;

namespace NpsCloud.Responses;

/// <summary>Answers from email links, the response page and the import API. The module's only public type: the host wires it in here.</summary>
public static class ResponsesModule
{
    public static IServiceCollection AddResponsesModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ResponsesDbContext>();
        services.AddSingleton<IApiEndpoints, ResponsesEndpoints>();
        services.AddSingleton<IPublicEndpoints, ResponsesEndpoints>();
        services.AddSingleton<Features.WidgetAnswers.WidgetAnswerHandles>();
        // Built now, so a gateway address range that does not parse stops the start-up, not an answer.
        services.AddSingleton(new Features.AnswerByLink.AutomatedClients(configuration));
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(limiter => Features.WidgetAnswers.WidgetAnswerRules.AddRateLimit(
            limiter, configuration.GetValue("RateLimits:widgetAnswersPerMinute", Features.WidgetAnswers.WidgetAnswerRules.DefaultPerMinute)));
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(limiter => Features.OpenLinkAnswers.OpenLinkAnswerRules.AddRateLimit(
            limiter, configuration.GetValue("RateLimits:openLinkAnswersPerMinute", Features.OpenLinkAnswers.OpenLinkAnswerRules.DefaultPerMinute)));
        services.AddScoped<IDepartmentDataCheck, ResponsesOfDepartment>();
        services.AddScoped<IDemoDataSeeder, ResponsesDemoSeeder>();
        services.AddSingleton(new AppNavigationItem(15, "/app/responses", "Responses", "Yanıtlar"));
        return services;
    }

    /// <summary>A department that answers are filed under keeps its data: deleting it archives it.</summary>
    private sealed class ResponsesOfDepartment(ResponsesDbContext db) : IDepartmentDataCheck
    {
        public Task<bool> HasDataAsync(Guid departmentId, CancellationToken cancellationToken) =>
            db.Responses.AnyAsync(r => r.DepartmentId == departmentId, cancellationToken);
    }
}
