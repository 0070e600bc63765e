using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.FollowUps.Demo;
using NpsCloud.FollowUps.Escalation;
using NpsCloud.FollowUps.Features.Push;
using NpsCloud.FollowUps.ForOtherModules;

namespace NpsCloud.FollowUps;

/// <summary>Closing the loop with detractors: cases, alerts and escalation. The module's only public type: the host wires it in here.</summary>
public static class FollowUpsModule
{
    public static IServiceCollection AddFollowUpsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<FollowUpsDbContext>();
        services.AddSingleton<IApiEndpoints, FollowUpsEndpoints>();
        services.AddSingleton<IPublicEndpoints, FollowUpsEndpoints>();
        services.AddScoped<IDepartmentDataCheck, FollowUpsOfDepartment>();
        services.AddScoped<IDemoDataSeeder, FollowUpsDemoSeeder>();
        services.AddSingleton(new AppNavigationItem(10, "/app/follow-ups", "Follow-ups", "Takipler"));
        services.AddScoped<CaseOpener>();
        services.AddScoped<CaseEmails>();
        services.AddSingleton<WebPushKeys>();
        services.AddScoped<CasePushes>();
        services.AddHttpClient(CasePushes.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddTransient<FollowUpsJob>();
        services.AddTransient<FollowUpAlertsJob>();
        services.AddHostedService<ScheduleFollowUpsJobs>();
        services.Configure<FollowUpOptions>(configuration.GetSection("FollowUps"));
        return services;
    }

    /// <summary>A department with follow-up cases keeps its data: deleting it archives it.</summary>
    private sealed class FollowUpsOfDepartment(FollowUpsDbContext db) : IDepartmentDataCheck
    {
        public Task<bool> HasDataAsync(Guid departmentId, CancellationToken cancellationToken) =>
            db.Cases.AnyAsync(c => c.DepartmentId == departmentId, cancellationToken);
    }
}
