using NpsCloud.Goals.Domain;

namespace NpsCloud.Goals.Features.Goals;

/// <param name="NextReviewAt">When the next scheduled review fires (null until the tenant has a goal).</param>
internal sealed record ReviewScheduleView(string Cadence, string Description, DateTimeOffset? NextReviewAt)
{
    /// <summary>The tenant's schedule as <c>GET</c> and <c>PUT /goals/review-schedule</c> answer it.</summary>
    public static async Task<ReviewScheduleView> OfAsync(IReviewTriggers triggers, CancellationToken cancellationToken)
    {
        var cadence = await triggers.CadenceAsync(cancellationToken);
        var description = cadence == ReviewCadences.Monthly ? "The 1st of every month at 09:00" : "Every Monday at 09:00";
        return new ReviewScheduleView(cadence, description + " in the company's time zone", await triggers.NextReviewAsync(cancellationToken));
    }
}
