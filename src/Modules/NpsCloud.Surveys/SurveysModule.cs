using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Demo;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Sending;
using NpsCloud.Surveys.Features.Surveys;
using NpsCloud.Surveys.Sending;

namespace NpsCloud.Surveys;

/// <summary>Surveys, contacts, audiences and sending invitations. The module's only public type: the host wires it in here.</summary>
public static class SurveysModule
{
    public static IServiceCollection AddSurveysModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<SurveysDbContext>();
        services.AddSingleton<IApiEndpoints, SurveysEndpoints>();
        services.AddSingleton<IPublicEndpoints, SurveysEndpoints>();
        services.AddSingleton<Features.Widgets.WidgetScriptFile>();
        services.AddSingleton<Features.OpenLinks.OpenLinkKioskKeys>();
        services.AddScoped<IDepartmentDataCheck, SurveysOfDepartment>();
        services.AddScoped<IDemoDataSeeder, SurveysDemoSeeder>();
        services.AddSingleton(new AppNavigationItem(20, "/app/surveys", "Surveys", "Anketler"));
        services.AddSingleton(new AppNavigationItem(30, "/app/contacts", "Contacts", "Kişiler"));

        services.Configure<SendingOptions>(configuration.GetSection("Sending"));
        services.AddSingleton<SendingSignal>();
        services.AddSingleton<LinkTokens>();
        services.AddSingleton<InvitationLinks>();
        services.AddSingleton<WaveTriggers>();
        services.AddSingleton<IWaveTriggers>(sp => sp.GetRequiredService<WaveTriggers>());
        services.AddScoped<SurveyWording>();
        services.AddScoped<InvitationEmails>();
        services.AddScoped<InvitationSender>();
        services.AddScoped<ITestSendMail, TestSendMail>();
        services.AddScoped<SendingHolds>();
        services.AddScoped<SurveyViews>();
        services.AddScoped<ContactCsv>();
        services.AddTransient<RelationshipWaveJob>();
        services.AddHostedService<InvitationDispatcher>();
        return services;
    }

    /// <summary>A department that a survey names keeps its data: deleting it archives it.</summary>
    private sealed class SurveysOfDepartment(SurveysDbContext db) : IDepartmentDataCheck
    {
        public Task<bool> HasDataAsync(Guid departmentId, CancellationToken cancellationToken) =>
            db.Surveys.AnyAsync(s => s.DepartmentId == departmentId, cancellationToken);
    }
}
