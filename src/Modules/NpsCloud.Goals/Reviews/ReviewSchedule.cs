using MediatR;
using Microsoft.EntityFrameworkCore;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Outbox;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals.Reviews;

/// <param name="NextReviewAt">When the next scheduled review fires (null until the tenant has a goal).</param>
internal sealed record ReviewScheduleView(string Cadence, string Description, DateTimeOffset? NextReviewAt);

/// <summary><c>GET/PUT /goals/review-schedule</c>: the tenant's review cadence, weekly (the default) or monthly.</summary>
internal static class ReviewSchedule
{
    public sealed record Get : IRequest<ReviewScheduleView>;

    public sealed record Set(string? Cadence) : IRequest<ReviewScheduleView>, ITenantWrite;

    public sealed class Handler(GoalsDbContext db, ReviewTriggers triggers, TimeProvider clock) : IRequestHandler<Get, ReviewScheduleView>, IRequestHandler<Set, ReviewScheduleView>
    {
        public async Task<ReviewScheduleView> Handle(Get query, CancellationToken cancellationToken) => await ViewAsync(cancellationToken);

        public async Task<ReviewScheduleView> Handle(Set command, CancellationToken cancellationToken)
        {
            if (command.Cadence is not { } cadence || !ReviewCadences.All.Contains(cadence)) throw new RequestValidationException("cadence", "Use weekly or monthly.");
            var settings = await db.ReviewSettings.FirstOrDefaultAsync(cancellationToken);
            if (settings is null) db.ReviewSettings.Add(settings = new ReviewSettings { Cadence = cadence });
            settings.Cadence = cadence;
            settings.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await triggers.ApplyScheduleAsync(cancellationToken);
            return await ViewAsync(cancellationToken);
        }

        private async Task<ReviewScheduleView> ViewAsync(CancellationToken cancellationToken)
        {
            var cadence = await triggers.CadenceAsync(cancellationToken);
            var description = cadence == ReviewCadences.Monthly ? "The 1st of every month at 09:00" : "Every Monday at 09:00";
            return new ReviewScheduleView(cadence, description + " in the company's time zone", await triggers.NextReviewAsync(cancellationToken));
        }
    }
}

/// <summary>Reviews are set in the company's wall-clock time: when its time zone changes, the triggers follow.</summary>
internal sealed class FollowTimeZone(GoalsDbContext db, ReviewTriggers triggers, TimeProvider clock)
    : IdempotentEventHandler<TenantTimeZoneChanged, GoalsDbContext>(db, clock)
{
    protected override async Task HandleOnceAsync(TenantTimeZoneChanged changed, CancellationToken cancellationToken)
    {
        foreach (var goal in await Db.Goals.AsNoTracking().Where(g => g.ArchivedAt == null).ToListAsync(cancellationToken))
        {
            await triggers.ApplyAsync(goal, cancellationToken);
        }
    }
}
