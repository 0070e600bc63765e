using System.Text.Json.Nodes;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Domain;
using NpsCloud.Goals.Reviews;

namespace NpsCloud.Goals.Features;

/// <summary>A goal as <c>POST /goals</c> takes it (and as a PATCH is merged into).</summary>
internal sealed record GoalInput(
    Guid? DepartmentId, decimal? TargetNps, DateOnly? PeriodStart, DateOnly? PeriodEnd, int? MinResponses = null, Guid? SurveyId = null, string? Touchpoint = null)
    : IRequest<GoalView>, ITenantWrite
{
    /// <summary>Long enough for a multi-year target, short enough to catch a typo in the year.</summary>
    public const int MaxPeriodDays = 3 * 366;

    public sealed class Validator : AbstractValidator<GoalInput>
    {
        public Validator(IStringLocalizer<GoalsText> text)
        {
            RuleFor(g => g.DepartmentId).NotNull().WithMessage(_ => text["Validation.DepartmentRequired"]);
            RuleFor(g => g.TargetNps).NotNull().WithMessage(_ => text["Validation.TargetRequired"])
                .InclusiveBetween(-100, 100).WithMessage(_ => text["Validation.Target"])
                .Must(t => t is null || decimal.Round(t.Value, 1) == t.Value).WithMessage(_ => text["Validation.TargetDecimals"]);
            RuleFor(g => g.PeriodStart).NotNull().WithMessage(_ => text["Validation.PeriodStartRequired"]);
            RuleFor(g => g.PeriodEnd).NotNull().WithMessage(_ => text["Validation.PeriodEndRequired"])
                .Must((g, end) => g.PeriodStart is null || end is null || end >= g.PeriodStart).WithMessage(_ => text["Validation.PeriodOrder"])
                .Must((g, end) => g.PeriodStart is null || end is null || end.Value.DayNumber - g.PeriodStart.Value.DayNumber < MaxPeriodDays)
                .WithMessage(_ => text["Validation.PeriodLength", MaxPeriodDays]);
            RuleFor(g => g.MinResponses).InclusiveBetween(1, 1_000_000).WithMessage(_ => text["Validation.MinResponses"]);
            RuleFor(g => g.Touchpoint).MaximumLength(100).WithMessage(_ => text["Validation.TooLong", 100]);
        }
    }

    public static GoalInput From(Goal goal) =>
        new(goal.DepartmentId, goal.TargetNps, goal.PeriodStart, goal.PeriodEnd, goal.MinResponses, goal.SurveyId, goal.Touchpoint);

    public void ApplyTo(Goal goal)
    {
        goal.DepartmentId = DepartmentId!.Value;
        goal.TargetNps = TargetNps!.Value;
        goal.PeriodStart = PeriodStart!.Value;
        goal.PeriodEnd = PeriodEnd!.Value;
        goal.MinResponses = MinResponses ?? Goal.DefaultMinResponses;
        goal.SurveyId = SurveyId;
        goal.Touchpoint = string.IsNullOrWhiteSpace(Touchpoint) ? null : Touchpoint.Trim();
    }
}

internal static class GoalRules
{
    /// <summary>A goal the caller may see (department heads: of their departments), or 404.</summary>
    public static async Task<Goal> FindAsync(GoalsDbContext db, ITenantContext tenant, Guid id, CancellationToken cancellationToken, bool track = false)
    {
        var goals = track ? db.Goals : db.Goals.AsNoTracking();
        var goal = await goals.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        return goal is not null && tenant.CanSee(goal.DepartmentId) ? goal : throw new NotFoundException("The goal");
    }

    /// <summary>The goal's department (visible to the caller, not archived), survey and period must make sense together.</summary>
    public static async Task CheckAsync(GoalsDbContext db, IMediator mediator, ITenantContext tenant, Goal goal, CancellationToken cancellationToken)
    {
        var department = await mediator.Send(new FindDepartment(goal.DepartmentId), cancellationToken);
        if (department is null || !tenant.CanSee(department.Id)) throw new NotFoundException("The department");
        if (department.Archived) throw new ConflictException($"The department {department.Name} is archived.");
        if (goal.SurveyId is { } surveyId && await mediator.Send(new FindSurvey(surveyId), cancellationToken) is null)
        {
            throw new NotFoundException("The survey");
        }

        var sameScope = await db.Goals.AsNoTracking()
            .Where(g => g.DepartmentId == goal.DepartmentId && g.ArchivedAt == null && g.Id != goal.Id)
            .ToListAsync(cancellationToken);
        if (sameScope.FirstOrDefault(goal.Overlaps) is { } other)
        {
            throw new ConflictException($"Another goal for the same answers covers {other.PeriodStart:yyyy-MM-dd}..{other.PeriodEnd:yyyy-MM-dd}; choose a period that does not overlap it.");
        }
    }
}

internal static class CreateGoal
{
    public sealed class Handler(GoalsDbContext db, IMediator mediator, ITenantContext tenant, GoalViews views, ReviewTriggers triggers, TimeProvider clock)
        : IRequestHandler<GoalInput, GoalView>
    {
        public async Task<GoalView> Handle(GoalInput input, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var goal = new Goal { Id = Guid.CreateVersion7(), CreatedAt = now, UpdatedAt = now };
            input.ApplyTo(goal);
            await GoalRules.CheckAsync(db, mediator, tenant, goal, cancellationToken);
            db.Goals.Add(goal);
            await db.SaveChangesAsync(cancellationToken);
            await triggers.ApplyAsync(goal, cancellationToken);
            return await views.ViewAsync(goal, cancellationToken);
        }
    }
}

/// <summary>PATCH with JSON Merge Patch: the merged goal is validated whole, like a new one.</summary>
internal static class UpdateGoal
{
    public sealed record Command(Guid Id, JsonObject Patch) : IRequest<GoalView>, ITenantWrite;

    public sealed class Handler(
        GoalsDbContext db, IMediator mediator, ITenantContext tenant, IValidator<GoalInput> validator, GoalViews views, ReviewTriggers triggers, TimeProvider clock)
        : IRequestHandler<Command, GoalView>
    {
        public async Task<GoalView> Handle(Command command, CancellationToken cancellationToken)
        {
            var goal = await GoalRules.FindAsync(db, tenant, command.Id, cancellationToken, track: true);
            if (goal.ArchivedAt is not null) throw new ConflictException("An archived goal cannot be changed.");
            var input = JsonMergePatch.Merge(JsonMergePatch.From(GoalInput.From(goal)), command.Patch).As<GoalInput>();
            var validation = await validator.ValidateAsync(input, cancellationToken);
            if (!validation.IsValid) throw new RequestValidationException(validation.Errors);

            input.ApplyTo(goal);
            await GoalRules.CheckAsync(db, mediator, tenant, goal, cancellationToken);
            goal.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await triggers.ApplyAsync(goal, cancellationToken);
            return await views.ViewAsync(goal, cancellationToken);
        }
    }
}

/// <summary>DELETE archives: the goal and its reviews stay readable, it is no longer reviewed.</summary>
internal static class ArchiveGoal
{
    public sealed record Command(Guid Id) : IRequest<GoalView>, ITenantWrite;

    public sealed class Handler(GoalsDbContext db, ITenantContext tenant, GoalViews views, ReviewTriggers triggers, TimeProvider clock) : IRequestHandler<Command, GoalView>
    {
        public async Task<GoalView> Handle(Command command, CancellationToken cancellationToken)
        {
            var goal = await GoalRules.FindAsync(db, tenant, command.Id, cancellationToken, track: true);
            if (goal.ArchivedAt is null)
            {
                goal.ArchivedAt = clock.GetUtcNow();
                goal.UpdatedAt = goal.ArchivedAt.Value;
                await db.SaveChangesAsync(cancellationToken);
                await triggers.ApplyAsync(goal, cancellationToken);
            }

            return await views.ViewAsync(goal, cancellationToken);
        }
    }
}
