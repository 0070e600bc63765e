using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.BuildingBlocks.Hosting;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Domain;
using NpsCloud.Goals.Features.Goals;
using NpsCloud.Goals.Reviews;

namespace NpsCloud.Goals.Demo;

/// <summary>
/// <c>./nps run --demo</c>, after the demo answers and their rollups: a goal for each of the first three
/// departments over a 13-week period that is eight weeks in, with targets set against each department's
/// real NPS so one is on track, one at risk and one off track, and the weekly reviews of the weeks gone by.
/// </summary>
internal sealed class GoalsDemoSeeder(IServiceScopeFactory scopes, TimeProvider clock) : IDemoDataSeeder
{
    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        if (await mediator.Send(new FindDemoTenant(), cancellationToken) is not { } tenantId) return [];
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<GoalsDbContext>();
        const string done = "Goals: one department on track, one at risk, one off track, with eight weekly reviews (see /departments).";
        if (await db.Goals.AnyAsync(cancellationToken)) return [done];

        var progress = scope.ServiceProvider.GetRequiredService<GoalProgressReader>();
        var profile = await mediator.Send(new GetTenantProfile(tenantId), cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone);
        var today = await progress.TodayAsync(cancellationToken);
        var start = today.AddDays(-(int)today.DayOfWeek - 55); // a Monday eight weeks back
        var now = clock.GetUtcNow();
        var departments = (await mediator.Send(new ListDepartmentInfos(), cancellationToken)).Take(3).ToList();
        var goals = new List<Goal>();
        for (var i = 0; i < departments.Count; i++)
        {
            var goal = new Goal { Id = Guid.CreateVersion7(), DepartmentId = departments[i].Id, PeriodStart = start, PeriodEnd = start.AddDays(13 * 7 - 1), CreatedAt = now, UpdatedAt = now };
            var figure = await progress.MeasureAsync(goal, today, cancellationToken);
            if (figure is not { Nps: { } nps, Low: { } low, High: { } high }) continue;
            // On track: the whole interval above the target; at risk: the target inside it; off track: all of it below.
            goal.TargetNps = Math.Clamp(i switch { 0 => Math.Floor((decimal)low) - 5, 1 => Math.Round((decimal)nps), _ => Math.Ceiling((decimal)high) + 5 }, -100, 100);
            db.Goals.Add(goal);
            goals.Add(goal);

            GoalReview? previous = null;
            for (var monday = start.AddDays(7); monday < today; monday = monday.AddDays(7))
            {
                var state = GoalProgressReader.Evaluate(goal, await progress.MeasureAsync(goal, monday.AddDays(-1), cancellationToken), previous, monday.AddDays(-1));
                var at = monday.ToDateTime(new TimeOnly(ReviewTriggers.ReviewHour, 0));
                var slot = new DateTimeOffset(at, zone.GetUtcOffset(at)).ToUniversalTime();
                previous = new GoalReview
                {
                    Id = Guid.CreateVersion7(), GoalId = goal.Id, Slot = slot, Kind = ReviewKinds.Scheduled, ReviewedAt = slot, Status = state.Status,
                    Nps = Round(state.Nps), CiLow = Round(state.Ci?.Low), CiHigh = Round(state.Ci?.High), Responses = state.Responses,
                    TargetNps = goal.TargetNps, Change = Round(state.ChangeSinceLastReview),
                };
                db.Reviews.Add(previous);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var triggers = scope.ServiceProvider.GetRequiredService<ReviewTriggers>();
        foreach (var goal in goals) await triggers.ApplyAsync(goal, cancellationToken);
        return goals.Count == 0 ? [] : [done];
    }

    private static decimal? Round(double? value) => value is { } v ? Math.Round((decimal)v, 1) : null;
}
