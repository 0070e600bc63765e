namespace NpsCloud.Contracts.Responses;

/// <summary>The NPS categories of a 0..10 answer.</summary>
public static class NpsCategories
{
    public const string Promoter = "promoter";
    public const string Passive = "passive";
    public const string Detractor = "detractor";

    public static readonly string[] All = [Promoter, Passive, Detractor];

    /// <summary>9-10 promoter, 7-8 passive, 0-6 detractor.</summary>
    public static string Of(int score) => score switch
    {
        < 0 or > 10 => throw new ArgumentOutOfRangeException(nameof(score), score, "An NPS answer is 0..10."),
        >= 9 => Promoter,
        >= 7 => Passive,
        _ => Detractor,
    };
}

/// <summary>Where an answer came from: an email link (the response page), the API, or a bulk import.</summary>
public static class ResponseChannels
{
    public const string Email = "email";
    public const string Api = "api";
    public const string Import = "import";

    /// <summary>An open survey link, its QR code or a kiosk: no invitation.</summary>
    public const string Link = "link";

    /// <summary>The web widget on the company's own site: no invitation.</summary>
    public const string Widget = "widget";

    /// <summary>
    /// Whether the comment can arrive after the score, as a change to the answer: an emailed score link
    /// records the score on the click and the comment when the person sends it; the widget likewise.
    /// </summary>
    public static bool CommentMayFollow(string channel) => channel is Email or Widget;
}

/// <summary>
/// A new answer (from the response page or the API; a bulk import reports <see cref="ResponsesImported"/> instead).
/// <paramref name="RespondedAt"/> is when the person answered, which for an imported answer may be long ago.
/// </summary>
public sealed record ResponseRecorded(
    Guid EventId,
    Guid TenantId,
    DateTimeOffset OccurredAt,
    Guid ResponseId,
    Guid SurveyId,
    Guid? InvitationId,
    Guid? ContactId,
    Guid? DepartmentId,
    string? Touchpoint,
    string Channel,
    int Score,
    string Category,
    bool HasComment,
    DateTimeOffset RespondedAt) : IIntegrationEvent;

/// <summary>
/// The person changed their answer (score or comment). <paramref name="Revision"/> counts the answer's
/// versions (1 was the recorded one), so a handler can ignore an update older than one it has seen;
/// <paramref name="PreviousScore"/> is the score of revision - 1, and <paramref name="CommentChanged"/> says
/// whether this revision added, changed or removed the comment.
/// </summary>
public sealed record ResponseUpdated(
    Guid EventId,
    Guid TenantId,
    DateTimeOffset OccurredAt,
    Guid ResponseId,
    Guid SurveyId,
    Guid? InvitationId,
    Guid? ContactId,
    Guid? DepartmentId,
    string? Touchpoint,
    string Channel,
    int Score,
    string Category,
    int PreviousScore,
    bool HasComment,
    int Revision,
    DateTimeOffset RespondedAt,
    bool CommentChanged = false) : IIntegrationEvent;

/// <summary>A bulk import stored <paramref name="Count"/> answers at once, all tagged with <paramref name="ImportId"/>; they open no follow-ups.</summary>
public sealed record ResponsesImported(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid ImportId, int Count) : IIntegrationEvent;

/// <summary>
/// How many answers gave each score, per local day (in <paramref name="TimeZone"/>), survey, department,
/// touchpoint and channel, for the answers given in [<paramref name="From"/>, <paramref name="Until"/>)
/// (either open), of one survey or one import when named. Answered by the Responses module.
/// </summary>
public sealed record CountResponseScores(string TimeZone, DateTimeOffset? From = null, DateTimeOffset? Until = null, Guid? SurveyId = null, Guid? ImportId = null)
    : MediatR.IRequest<IReadOnlyList<ScoreBucket>>;

/// <summary>
/// Every answer of the tenant counted as <see cref="CountResponseScores"/> does (in <paramref name="TimeZone"/>,
/// no filters), together with the events that report answers (<see cref="ResponseRecorded"/>,
/// <see cref="ResponseUpdated"/>, <see cref="ResponsesImported"/>) still waiting in the outbox at that moment,
/// read in one snapshot: the counts hold the answers those events report. A rebuild of incremental rollups
/// needs both, so it can skip those events when they arrive instead of counting their answers twice.
/// Answered by the Responses module.
/// </summary>
public sealed record CountAllResponseScores(string TimeZone) : MediatR.IRequest<AllResponseScores>;

/// <param name="PendingEvents">The ids of the events the counts already hold and that have not been dispatched yet.</param>
public sealed record AllResponseScores(IReadOnlyList<ScoreBucket> Buckets, IReadOnlyList<Guid> PendingEvents);

/// <param name="Counts">Eleven counts: how many answered 0, 1, ... 10.</param>
public sealed record ScoreBucket(DateOnly Day, Guid SurveyId, Guid? DepartmentId, string? Touchpoint, string Channel, IReadOnlyList<int> Counts);

/// <summary>
/// The newest answers with a comment of one category (<see cref="NpsCategories"/>) in a department, for
/// digests and the department page. Answered by the Responses module.
/// </summary>
public sealed record ListLatestComments(Guid DepartmentId, string Category, int Count) : MediatR.IRequest<IReadOnlyList<LatestComment>>;

public sealed record LatestComment(Guid ResponseId, int Score, string Comment, DateTimeOffset RespondedAt);
