namespace NpsCloud.Webhooks.Domain;

/// <summary>
/// When a failed delivery is tried again: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (eight
/// attempts over about 28 hours), each wait spread by up to ±10% so that many deliveries failing together
/// do not come back together. A receiver's <c>Retry-After</c> on a 429 or 503 is honoured when it asks for
/// longer, up to a day.
/// </summary>
internal static class RetrySchedule
{
    public static readonly IReadOnlyList<TimeSpan> Standard =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    public const double Jitter = 0.1;

    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1 is the first), or null when the schedule is over.</summary>
    public static TimeSpan? After(int attempt, IReadOnlyList<TimeSpan> delays, TimeSpan? retryAfter = null)
    {
        if (attempt < 1 || attempt > delays.Count) return null;
        var spread = 1 + Jitter * (2 * Random.Shared.NextDouble() - 1);
        var wait = delays[attempt - 1] * spread;
        return retryAfter is { } asked && asked > wait ? (asked < MaxRetryAfter ? asked : MaxRetryAfter) : wait;
    }
}
