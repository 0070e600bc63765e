using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Demo;
using NpsCloud.Goals.Features.Goals;
using NpsCloud.Goals.Reviews;

namespace NpsCloud.Goals;

/// <summary>Department NPS targets and their scheduled reviews. The module's only public type: the host wires it in here.</summary>
public static class GoalsModule
{
    public static IServiceCollection AddGoalsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<GoalsDbContext>();
        services.AddScoped<GoalProgressReader>();
        services.AddScoped<GoalViews>();
        services.AddScoped<ReviewTriggers>();
        services.AddScoped<IReviewTriggers>(provider => provider.GetRequiredService<ReviewTriggers>());
        services.AddTransient<GoalReviewJob>();
        services.AddScoped<IDepartmentDataCheck, GoalsOfDepartment>();
        services.AddScoped<IDemoDataSeeder, GoalsDemoSeeder>();
        services.AddSingleton<IApiEndpoints, GoalsEndpoints>();
        services.AddSingleton(new AppNavigationItem(7, "/departments", "Departments & goals", "Departmanlar ve hedefler"));
        return services;
    }

    /// <summary>A department with goals keeps its data: deleting it archives it.</summary>
    private sealed class GoalsOfDepartment(GoalsDbContext db) : IDepartmentDataCheck
    {
        public Task<bool> HasDataAsync(Guid departmentId, CancellationToken cancellationToken) =>
            db.Goals.AnyAsync(g => g.DepartmentId == departmentId, cancellationToken);
    }
}
