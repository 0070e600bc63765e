using FluentValidation;
using MediatR;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals.Features.Goals;

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
