using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Persistence;
using NpsCloud.Contracts.FollowUps;

namespace NpsCloud.FollowUps.Domain;

/// <summary>
/// Someone has to talk to an unhappy respondent before <see cref="DueAt"/>. One case per response; its
/// history (<see cref="CaseEvent"/>) keeps every change with who and when.
/// </summary>
internal sealed class FollowUpCase : ITenantOwned, IDepartmentOwned
{
    Guid? IDepartmentOwned.OwningDepartmentId => DepartmentId;

    public const int MaxOutcomeLength = 1000;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid ResponseId { get; init; }
    public Guid SurveyId { get; init; }
    public Guid? ContactId { get; init; }
    public Guid? DepartmentId { get; init; }
    public required string Kind { get; set; }
    public required string Status { get; set; }
    public int OpeningScore { get; init; }
    public int Score { get; set; }
    public int ScoreRevision { get; set; } = 1;
    public Guid? AssigneeUserId { get; set; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset? FirstContactedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset? ResurveyDueAt { get; set; }
    public DateTimeOffset? ResurveyedAt { get; set; }

    /// <summary>The invitation the re-survey after resolution sent: its answer is linked back to this case.</summary>
    public Guid? ResurveyInvitationId { get; set; }

    public Guid? ResurveyResponseId { get; set; }

    /// <summary>The person's answer to the re-survey (its latest score when they changed it).</summary>
    public int? ResurveyScore { get; set; }

    public DateTimeOffset? ResurveyAnsweredAt { get; set; }

    /// <summary>A detractor whose answer to the re-survey is 7 or more: won back.</summary>
    public bool Recovered => OpeningScore <= 6 && ResurveyScore >= 7;
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the alert goes if no comment arrives first (the grace period after the score); null once it went or when it went at once.</summary>
    public DateTimeOffset? AlertDueAt { get; set; }

    /// <summary>When the assignee was alerted (the alert was handed to the outbox).</summary>
    public DateTimeOffset? AlertedAt { get; set; }

    /// <summary>When an alert carrying the person's comment went: the first alert, or the one update after it.</summary>
    public DateTimeOffset? CommentAlertedAt { get; set; }

    /// <summary>Nobody has contacted the person and the due time has passed.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => FirstContactedAt is null && Status is FollowUpStatuses.Open or FollowUpStatuses.Escalated && DueAt <= now;

    /// <summary>The person has since changed their answer to a 9 or 10: worth a look before closing, never closed silently.</summary>
    public bool NowPromoter => Score >= 9;

    public bool IsFinished => Status is FollowUpStatuses.Resolved or FollowUpStatuses.Closed;

    /// <summary>
    /// The alert goes now (see <see cref="FollowUpAlertDue"/>): the first alert, or, when the first went
    /// without the comment that has now arrived, its one update. Answers null when nothing is to be sent:
    /// an alert with the comment already went, or the case is finished.
    /// </summary>
    public FollowUpAlertDue? AlertNow(bool withComment, DateTimeOffset now)
    {
        if (IsFinished || CommentAlertedAt is not null || (AlertedAt is not null && !withComment)) return null;
        var isUpdate = AlertedAt is not null;
        AlertedAt ??= now;
        AlertDueAt = null;
        if (withComment) CommentAlertedAt = now;
        return new FollowUpAlertDue(Guid.CreateVersion7(now), TenantId, now, Id, ResponseId, DepartmentId, Kind, Score, AssigneeUserId, DueAt, isUpdate);
    }

    /// <summary>Applies a requested status change (see <see cref="CaseTransitions"/>) and stamps its time; answers the status it left.</summary>
    public string ChangeStatus(string requested, string? outcome, DateTimeOffset now)
    {
        var previous = Status;
        Status = CaseTransitions.Next(this, requested);
        switch (requested)
        {
            case CaseTransitions.Contacted:
                FirstContactedAt ??= now;
                break;
            case CaseTransitions.Resolved:
                // Nobody resolves a complaint without talking to the person.
                FirstContactedAt ??= now;
                ResolvedAt = now;
                Outcome = outcome;
                break;
            case CaseTransitions.Closed:
                ClosedAt = now;
                Outcome = outcome ?? Outcome;
                break;
            case CaseTransitions.Reopened:
                ResolvedAt = null;
                ClosedAt = null;
                Outcome = null;
                ResurveyDueAt = null;
                break;
        }

        UpdatedAt = now;
        return previous;
    }
}

/// <summary>
/// Which status changes a person may ask for, from which status. Escalation is the system's alone (the
/// job), and reopening returns a case to where it stood before it was finished, so a reopened case that
/// was already escalated is never escalated (and mailed about) twice.
/// </summary>
internal static class CaseTransitions
{
    public const string Contacted = "contacted";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
    public const string Reopened = "reopened";

    public static readonly string[] Requests = [Contacted, Resolved, Closed, Reopened];

    /// <summary>The status a request leads to; a request the current status does not allow is a 409.</summary>
    public static string Next(FollowUpCase current, string requested) => (requested, current.Status) switch
    {
        (Contacted, FollowUpStatuses.Open or FollowUpStatuses.Escalated) => FollowUpStatuses.Contacted,
        (Resolved, FollowUpStatuses.Open or FollowUpStatuses.Escalated or FollowUpStatuses.Contacted) => FollowUpStatuses.Resolved,
        (Closed, FollowUpStatuses.Open or FollowUpStatuses.Escalated or FollowUpStatuses.Contacted or FollowUpStatuses.Resolved) => FollowUpStatuses.Closed,
        (Reopened, FollowUpStatuses.Resolved or FollowUpStatuses.Closed) =>
            current.FirstContactedAt is not null ? FollowUpStatuses.Contacted
            : current.EscalatedAt is not null ? FollowUpStatuses.Escalated
            : FollowUpStatuses.Open,
        _ when !Requests.Contains(requested) => throw new RequestValidationException("status", $"Use one of: {string.Join(", ", Requests)}."),
        _ => throw new ConflictException($"A {current.Status} case cannot be marked {requested}."),
    };

    /// <summary>What the person may ask for now (the case page shows these buttons).</summary>
    public static IEnumerable<string> AllowedFrom(FollowUpCase current) => Requests.Where(requested =>
    {
        try
        {
            Next(current, requested);
            return true;
        }
        catch (ConflictException)
        {
            return false;
        }
    });
}

internal static class CaseKinds
{
    /// <summary>Call or write to the person and fix what went wrong.</summary>
    public const string CloseTheLoop = "close_the_loop";

    /// <summary>A passive who left no comment: ask what would have made it a 10. Becomes <see cref="CloseTheLoop"/> when the comment arrives.</summary>
    public const string AskForFeedback = "ask_for_feedback";
}

/// <summary>One thing that happened to a case, with who did it and when.</summary>
internal sealed class CaseEvent : ITenantOwned
{
    public const int MaxNoteLength = 4000;

    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public required string Kind { get; set; }
    public DateTimeOffset At { get; init; }
    public Guid? ActorUserId { get; init; }
    public required string Actor { get; init; }
    public string? Status { get; init; }
    public string? Text { get; init; }
    public Guid? UserId { get; init; }
    public int? Score { get; init; }
    public int? PreviousScore { get; init; }
}

internal static class CaseEventKinds
{
    public const string Opened = "opened";
    public const string Assigned = "assigned";
    public const string Note = "note";
    public const string Status = "status";
    public const string Escalated = "escalated";
    public const string ScoreChanged = "score_changed";
    public const string Resurveyed = "resurveyed";

    /// <summary>The person added or changed their comment after the score.</summary>
    public const string Commented = "commented";

    /// <summary>The person answered the re-survey sent after the case was resolved.</summary>
    public const string ResurveyAnswered = "resurvey_answered";
}

/// <summary>Who acted: a signed-in person (with their id), an API key, or the system.</summary>
internal sealed record CaseActor(Guid? UserId, string Name)
{
    public static readonly CaseActor System = new(null, "NpsCloud");
}
