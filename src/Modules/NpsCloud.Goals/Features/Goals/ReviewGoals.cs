using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts;
using NpsCloud.Contracts.Goals;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals.Features.Goals;

/// <summary>
/// Reviews goals at one slot: stores a snapshot per goal, publishes <see cref="GoalReviewed"/> and queues
/// one digest per recipient, all in one transaction. The slot is claimed first (goals.review_runs), so a
/// trigger that fires twice, or on two hosts, reviews it once: the second run finds it taken.
/// </summary>
internal static class ReviewGoals
{
    /// <param name="GoalId">One goal (a final review or one on request); null for all goals in progress.</param>
    public sealed record Command(DateTimeOffset Slot, string Kind, Guid? GoalId = null) : IRequest<IReadOnlyList<GoalReviewView>>;

    public sealed class Handler(GoalsDbContext db, IMediator mediator, ITenantContext tenant, GoalProgressReader progress, TimeProvider clock)
        : IRequestHandler<Command, IReadOnlyList<GoalReviewView>>
    {
        public async Task<IReadOnlyList<GoalReviewView>> Handle(Command command, CancellationToken cancellationToken)
        {
            // Checked before the claim, so asking for a goal one may not see claims nothing.
            var single = command.GoalId is { } goalId ? await GoalRules.FindAsync(db, tenant, goalId, cancellationToken) : null;
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var now = clock.GetUtcNow();
                var scope = command.GoalId?.ToString() ?? "all";
                var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
                    insert into goals.review_runs (tenant_id, slot, scope, ran_at)
                    values ({tenant.RequiredTenantId}, {command.Slot}, {scope}, {now})
                    on conflict do nothing
                    """, cancellationToken);
                if (claimed == 0) return (IReadOnlyList<GoalReviewView>)[];

                var today = await progress.TodayAsync(cancellationToken);
                var goals = single is not null
                    ? [single]
                    : await db.Goals.AsNoTracking()
                        .Where(g => g.ArchivedAt == null && g.PeriodStart <= today && g.PeriodEnd >= today)
                        .OrderBy(g => g.Id).ToListAsync(cancellationToken);

                var reviews = new List<(Goal Goal, GoalReview Review)>();
                foreach (var goal in goals)
                {
                    var previous = await db.Reviews.AsNoTracking().Where(r => r.GoalId == goal.Id)
                        .OrderByDescending(r => r.ReviewedAt).FirstOrDefaultAsync(cancellationToken);
                    var state = GoalProgressReader.Evaluate(goal, await progress.MeasureAsync(goal, today, cancellationToken), previous, today);
                    var review = new GoalReview
                    {
                        Id = Guid.CreateVersion7(), GoalId = goal.Id, Slot = command.Slot, Kind = command.Kind, ReviewedAt = now,
                        Status = state.Status, Nps = Decimal(state.Nps), CiLow = Decimal(state.Ci?.Low), CiHigh = Decimal(state.Ci?.High),
                        Responses = state.Responses, TargetNps = goal.TargetNps, Change = Decimal(state.ChangeSinceLastReview),
                    };
                    db.Reviews.Add(review);
                    db.Publish(new GoalReviewed(
                        Guid.CreateVersion7(), tenant.RequiredTenantId, now, goal.Id, goal.DepartmentId, review.Id, review.Kind,
                        review.Status, previous?.Status, review.Nps, review.Responses, review.TargetNps));
                    reviews.Add((goal, review));
                }

                foreach (var (recipient, reviewIds) in await RecipientsAsync(reviews, cancellationToken))
                {
                    db.Publish(new GoalDigestDue(Guid.CreateVersion7(), tenant.RequiredTenantId, now, recipient, reviewIds));
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return reviews.Select(r => GoalReviewView.Of(r.Review)).ToList();
            });
        }

        /// <summary>Each department's head gets the reviews of their departments; the owners and admins those of departments without a head.</summary>
        private async Task<Dictionary<Guid, List<Guid>>> RecipientsAsync(List<(Goal Goal, GoalReview Review)> reviews, CancellationToken cancellationToken)
        {
            var digests = new Dictionary<Guid, List<Guid>>();
            IReadOnlyList<UserInfo>? managers = null;
            foreach (var department in reviews.GroupBy(r => r.Goal.DepartmentId))
            {
                var head = (await mediator.Send(new FindDepartment(department.Key), cancellationToken))?.HeadUserId;
                var recipients = head is { } headId ? [headId] : (managers ??= await mediator.Send(new ListTenantManagers(), cancellationToken)).Select(m => m.Id);
                foreach (var recipient in recipients)
                {
                    if (!digests.TryGetValue(recipient, out var ids)) digests[recipient] = ids = [];
                    ids.AddRange(department.Select(r => r.Review.Id));
                }
            }

            return digests;
        }

        private static decimal? Decimal(double? value) => value is { } v ? Math.Round((decimal)v, 1) : null;
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/reviews", async (Guid id, IMediator mediator, TimeProvider clock, CancellationToken cancellationToken) =>
                Results.Created($"/api/v1/goals/{id}/reviews", (await mediator.Send(new ReviewGoals.Command(clock.GetUtcNow(), ReviewKinds.Manual, id), cancellationToken)).Single()))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Review the goal now: stores a snapshot and emails the department head a digest")
            .WithIdempotencyKey()
            .Produces<GoalReviewView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>A review's digest is due to one person (a module-internal event: sent after the review commits, once).</summary>
internal sealed record GoalDigestDue(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid RecipientUserId, IReadOnlyList<Guid> ReviewIds) : IIntegrationEvent;
