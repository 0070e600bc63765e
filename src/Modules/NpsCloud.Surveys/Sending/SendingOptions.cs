namespace NpsCloud.Surveys.Sending;

internal sealed class SendingOptions
{
    /// <summary>How often each host looks for invitations that have come due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claimed invitation is reserved for one host; after that another host may send it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Transient failures (the SMTP server is down, a 4xx answer) are retried this many times, then the invitation fails.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait before each retry; the last one repeats. Empty means 1 min, 5 min, 30 min, 2 h, then 6 h.</summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

    /// <summary>
    /// How many emails (invitations and reminders) a company on a trial may send per day, counted from
    /// midnight in its time zone; the rest wait for the next day. 0 turns the quota off.
    /// </summary>
    public int TrialDailyQuota { get; set; } = 500;

    internal TimeSpan[] EffectiveRetryDelays => RetryDelays.Length > 0 ? RetryDelays :
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6)];
}
