namespace NpsCloud.Goals.Domain;

/// <summary>
/// Where a goal stands, judged with the NPS's uncertainty: during the period a goal is on track only when
/// even the low end of the 95% interval reaches the target, and off track only when even the high end
/// misses it; in between the data cannot tell yet, so it is at risk.
/// </summary>
internal static class GoalStatus
{
    public const string Upcoming = "upcoming";
    public const string InsufficientData = "insufficient_data";
    public const string OnTrack = "on_track";
    public const string AtRisk = "at_risk";
    public const string OffTrack = "off_track";
    public const string Achieved = "achieved";
    public const string Missed = "missed";

    public static readonly string[] All = [Upcoming, InsufficientData, OnTrack, AtRisk, OffTrack, Achieved, Missed];

    /// <param name="today">The local day in the tenant's time zone.</param>
    public static string Of(DateOnly periodStart, DateOnly periodEnd, decimal target, int minResponses, long responses, double? nps, double? low, double? high, DateOnly today)
    {
        if (today < periodStart) return Upcoming;
        if (responses < minResponses || nps is null) return InsufficientData;
        var t = (double)target;
        if (today > periodEnd) return nps >= t ? Achieved : Missed;
        if (low >= t) return OnTrack;
        if (high < t) return OffTrack;
        return AtRisk;
    }
}
