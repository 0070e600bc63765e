using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

internal static class SurveyRules
{
    /// <summary>
    /// What the thank-you page promises a detractor: the follow-up SLA in hours (the survey's department's,
    /// else the company's), the same the detractor's case is due in; null when the company promises nothing.
    /// </summary>
    public static async Task<int?> ReplyWithinHoursAsync(IMediator mediator, TenantProfile profile, Survey survey, CancellationToken cancellationToken)
    {
        if (!profile.PromiseDetractorReply) return null;
        var department = survey.DepartmentId is { } departmentId ? await mediator.Send(new FindDepartment(departmentId), cancellationToken) : null;
        return department?.FollowUpSlaHours ?? profile.FollowUpSlaHours;
    }

    public static async Task<Survey> FindAsync(SurveysDbContext db, Guid id, CancellationToken cancellationToken, bool track = false) =>
        await (track ? db.Surveys : db.Surveys.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
        ?? throw new NotFoundException("The survey");

    /// <summary>Brings the survey's wave trigger in line with its status and schedule (see <see cref="IWaveTriggers.ApplyAsync"/>).</summary>
    public static async Task ApplyTriggerAsync(
        SurveysDbContext db, IMediator mediator, ITenantContext tenant, IWaveTriggers triggers, Survey survey, TimeProvider clock, CancellationToken cancellationToken)
    {
        var timeZone = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).TimeZone;
        var hadWave = await db.Waves.AnyAsync(w => w.SurveyId == survey.Id, cancellationToken);
        await triggers.ApplyAsync(survey, timeZone, hadWave, clock.GetUtcNow(), cancellationToken);
    }

    public static async Task EnsureDepartmentAsync(IMediator mediator, Guid? departmentId, CancellationToken cancellationToken)
    {
        if (departmentId is not { } id) return;
        var department = await mediator.Send(new FindDepartment(id), cancellationToken) ?? throw new NotFoundException("The department");
        if (department.Archived) throw new ConflictException($"The department {department.Name} is archived.");
    }
}
