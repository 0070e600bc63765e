using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Sending;

namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>Creates a survey as a draft; it sends nothing until activated.</summary>
internal sealed class CreateSurveyHandler(SurveysDbContext db, IMediator mediator, SurveyViews views, TimeProvider clock)
    : IRequestHandler<SurveyInput, SurveyView>
{
    public async Task<SurveyView> Handle(SurveyInput input, CancellationToken cancellationToken)
    {
        await SurveyRules.EnsureDepartmentAsync(mediator, input.DepartmentId, cancellationToken);
        var now = clock.GetUtcNow();
        var survey = new Survey
        {
            Id = Guid.CreateVersion7(now),
            Name = input.Name,
            Kind = input.Kind,
            Status = SurveyStatuses.Draft,
            Locale = input.Locale,
            CreatedAt = now,
            UpdatedAt = now,
        };
        input.ApplyTo(survey);
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(cancellationToken);
        return await views.ViewAsync(survey, cancellationToken);
    }
}

internal static class GetSurvey
{
    public sealed record Query(Guid Id) : IRequest<SurveyView>;

    public sealed class Handler(SurveysDbContext db, SurveyViews views) : IRequestHandler<Query, SurveyView>
    {
        public async Task<SurveyView> Handle(Query query, CancellationToken cancellationToken) =>
            await views.ViewAsync(await SurveyRules.FindAsync(db, query.Id, cancellationToken), cancellationToken);
    }
}

internal static class ListSurveys
{
    /// <summary>Every survey, newest first (the app's list).</summary>
    public sealed record Query(string? Status = null, string? Kind = null) : IRequest<List<SurveyView>>;

    /// <summary><c>GET /surveys</c>: one page, newest first.</summary>
    public sealed record PageQuery(string? Status, string? Kind, int? Limit, string? Cursor) : IRequest<Page<SurveyView>>;

    public sealed class Handler(SurveysDbContext db, SurveyViews views) : IRequestHandler<Query, List<SurveyView>>, IRequestHandler<PageQuery, Page<SurveyView>>
    {
        public async Task<List<SurveyView>> Handle(Query query, CancellationToken cancellationToken) =>
            await views.ViewAllAsync(await Filtered(query.Status, query.Kind).OrderByDescending(s => s.Id).ToListAsync(cancellationToken), cancellationToken);

        public async Task<Page<SurveyView>> Handle(PageQuery query, CancellationToken cancellationToken)
        {
            var page = await Filtered(query.Status, query.Kind).PageAsync(s => s.Id, query.Limit, query.Cursor, newestFirst: true, cancellationToken);
            return new Page<SurveyView>(await views.ViewAllAsync(page.Items, cancellationToken), page.Next);
        }

        /// <summary>Archived surveys only when asked for by status.</summary>
        private IQueryable<Survey> Filtered(string? status, string? kind) => db.Surveys.AsNoTracking()
            .Where(s => status == null ? s.Status != SurveyStatuses.Archived : s.Status == status)
            .Where(s => kind == null || s.Kind == kind);
    }
}

/// <summary>
/// PATCH with JSON Merge Patch semantics (RFC 7396): present fields replace, <c>null</c> clears, absent
/// fields stay; nested objects (followUpQuestions, schedule) merge. The result is validated whole.
/// </summary>
internal static class UpdateSurvey
{
    public sealed record Command(Guid Id, JsonObject Patch) : IRequest<SurveyView>, ITenantWrite;

    public sealed class Handler(
        SurveysDbContext db, IMediator mediator, IValidator<SurveyInput> validator, SurveyViews views, WaveTriggers triggers, ITenantContext tenant, TimeProvider clock)
        : IRequestHandler<Command, SurveyView>
    {
        public async Task<SurveyView> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.Id, cancellationToken, track: true);
            if (survey.Status == SurveyStatuses.Archived) throw new ConflictException("An archived survey cannot be changed.");

            var input = JsonMergePatch.Merge(JsonMergePatch.From(SurveyInput.From(survey)), command.Patch).As<SurveyInput>();

            var validation = await validator.ValidateAsync(input, cancellationToken);
            if (!validation.IsValid) throw new RequestValidationException(validation.Errors);
            if (input.Kind != survey.Kind) throw new RequestValidationException("kind", "A survey's kind cannot change; create a new survey instead.");
            await SurveyRules.EnsureDepartmentAsync(mediator, input.DepartmentId, cancellationToken);

            input.ApplyTo(survey);
            if (survey.Status == SurveyStatuses.Active && survey.IsRelationship && !survey.HasSchedule)
            {
                throw new ConflictException("An active relationship survey needs a schedule; pause it first to remove the schedule.");
            }

            survey.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await SurveyRules.ApplyTriggerAsync(db, mediator, tenant, triggers, survey, clock, cancellationToken);
            return await views.ViewAsync(survey, cancellationToken);
        }
    }
}

/// <summary>activate (from draft or paused), pause (from active), archive (from anything but archived).</summary>
internal static class ChangeSurveyStatus
{
    public sealed record Command(Guid Id, string Action) : IRequest<SurveyView>, ITenantWrite;

    public sealed class Handler(SurveysDbContext db, IMediator mediator, SurveyViews views, WaveTriggers triggers, ITenantContext tenant, TimeProvider clock)
        : IRequestHandler<Command, SurveyView>
    {
        public async Task<SurveyView> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.Id, cancellationToken, track: true);
            survey.Status = (command.Action, survey.Status) switch
            {
                ("activate", SurveyStatuses.Draft or SurveyStatuses.Paused) when survey.IsRelationship && !survey.HasSchedule =>
                    throw new ConflictException("Give the survey a schedule before activating it: relationship surveys go out in waves."),
                ("activate", SurveyStatuses.Draft or SurveyStatuses.Paused) => SurveyStatuses.Active,
                ("pause", SurveyStatuses.Active) => SurveyStatuses.Paused,
                ("archive", not SurveyStatuses.Archived) => SurveyStatuses.Archived,
                _ => throw new ConflictException($"A {survey.Status} survey cannot be {Past(command.Action)}."),
            };
            survey.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await SurveyRules.ApplyTriggerAsync(db, mediator, tenant, triggers, survey, clock, cancellationToken);
            return await views.ViewAsync(survey, cancellationToken);
        }

        private static string Past(string action) => action switch { "activate" => "activated", "pause" => "paused", _ => "archived" };
    }
}

internal static class SurveyRules
{
    public static async Task<Survey> FindAsync(SurveysDbContext db, Guid id, CancellationToken cancellationToken, bool track = false) =>
        await (track ? db.Surveys : db.Surveys.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
        ?? throw new NotFoundException("The survey");

    /// <summary>Brings the survey's wave trigger in line with its status and schedule (see <see cref="WaveTriggers.ApplyAsync"/>).</summary>
    public static async Task ApplyTriggerAsync(
        SurveysDbContext db, IMediator mediator, ITenantContext tenant, WaveTriggers triggers, Survey survey, TimeProvider clock, CancellationToken cancellationToken)
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
