using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals.Features.Goals;

/// <summary>
/// What the slices need of the review triggers: a changed goal, cadence or schedule is applied to them,
/// and the schedule is read back. Implemented by the machinery (<c>Reviews/ReviewTriggers</c>, the Quartz
/// side), so that Features never use the Reviews folder.
/// </summary>
internal interface IReviewTriggers
{
    /// <summary>The tenant's cadence (weekly unless it chose monthly).</summary>
    Task<string> CadenceAsync(CancellationToken cancellationToken);

    /// <summary>After a goal changed: its final review, and the tenant's schedule (which exists once it has a goal).</summary>
    Task ApplyAsync(Goal goal, CancellationToken cancellationToken);

    /// <summary>After the cadence or the time zone changed: the tenant's schedule follows (only once it has goals).</summary>
    Task ApplyScheduleAsync(CancellationToken cancellationToken);

    /// <summary>When the tenant's next scheduled review fires, if it has a schedule.</summary>
    Task<DateTimeOffset?> NextReviewAsync(CancellationToken cancellationToken);
}
