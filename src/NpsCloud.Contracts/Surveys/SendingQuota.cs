using MediatR;

namespace NpsCloud.Contracts.Surveys;

/// <summary>The current tenant's daily send quota today (answered by the Surveys module; only trials have one).</summary>
public sealed record GetSendingQuota : IRequest<SendingQuota>;

/// <param name="DailyQuota">Emails (invitations and reminders) a day; null when the company has no quota.</param>
/// <param name="SentToday">Sent since midnight in the company's time zone.</param>
/// <param name="ResetsAt">The next midnight in the company's time zone, when held invitations go on.</param>
public sealed record SendingQuota(int? DailyQuota, int SentToday, DateTimeOffset ResetsAt)
{
    public bool UsedUp => DailyQuota is { } quota && SentToday >= quota;
}
